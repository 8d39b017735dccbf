using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>What to do with a press on a report step's card.</summary>
public enum CardPress
{
    /// <summary>A card of this step, sent since its last press was taken: act on it.</summary>
    Take,

    /// <summary>A press already taken (double click, Teams retry, second device): it changes nothing and gets no answer.</summary>
    Repeated,

    /// <summary>A card of another step or draft, or one sent before the step's last press was taken.</summary>
    Stale,
}

/// <summary>
/// Each card a report step sends gets a fresh instance id, and each of its buttons its own id within it
/// (<see cref="StaffCards.Stamp"/>). The step (its dialog state) remembers the cards it sent since it last took a
/// press; the draft remembers the presses taken (the latest <see cref="MaxAnswered"/>), so the same press received
/// twice changes the draft once, and another button of a card already answered is an earlier card's button.
/// </summary>
public static class CardInstances
{
    public const int MaxAnswered = 50;
    private const int MaxIssued = 10;
    private const string IssuedKey = "issued";

    /// <summary>Sends <paramref name="card"/> with a new instance id, remembered in the step's <paramref name="state"/>.</summary>
    public static Task SendAsync(ITurnContext turnContext, JsonObject card, JsonObject state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var instance = Guid.NewGuid().ToString("N")[..12];
        if (state[IssuedKey] is not JsonArray issued)
        {
            issued = [];
            state[IssuedKey] = issued;
        }

        issued.Add(instance);
        while (issued.Count > MaxIssued)
        {
            issued.RemoveAt(0);
        }

        return turnContext.SendCardAsync(StaffCards.Stamp(card, instance), cancellationToken);
    }

    /// <summary>
    /// Decides about a press on a card of <paramref name="step"/>; when it is taken, it is recorded in the draft and the
    /// step's earlier cards go out of date. A card from before instance ids (none in its data) is judged by step and draft only.
    /// </summary>
    public static CardPress Check(JsonElement submission, Step step, ReportDraft draft, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(state);
        var instance = CardMessages.Read(submission, StaffCards.InstanceKey);
        if (instance is not null && draft.AnsweredCards.Contains(instance))
        {
            return CardPress.Repeated;
        }

        var issued = state[IssuedKey] as JsonArray ?? [];
        if (CardMessages.Read(submission, StaffCards.StepKey) != step.Id
            || CardMessages.Read(submission, StaffCards.DraftKey) != draft.Id
            || (instance is not null && !issued.Any(i => i?.GetValue<string>() == StaffCards.CardInstance(instance))))
        {
            return CardPress.Stale;
        }

        if (instance is not null)
        {
            draft.AnsweredCards.Add(instance);
            if (draft.AnsweredCards.Count > MaxAnswered)
            {
                draft.AnsweredCards.RemoveRange(0, draft.AnsweredCards.Count - MaxAnswered);
            }
        }

        state.Remove(IssuedKey);
        return CardPress.Take;
    }
}
