using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>What to do with a press on a report step's card.</summary>
internal enum CardPress
{
    /// <summary>A card of this step, sent since its last press was taken: act on it.</summary>
    Take,

    /// <summary>A press already taken (double click, Teams retry, second device): it changes nothing and gets no answer.</summary>
    Repeated,

    /// <summary>A card of another step or draft, or one sent before the step's last press was taken.</summary>
    Stale,
}

/// <summary>
/// Each card a report step sends gets a fresh instance id, <c>{number}-{random}</c>, numbered in the order the draft's
/// cards were sent (<see cref="ReportDraft.CardsSent"/>), and each of its buttons its own id within it
/// (<see cref="StaffCards.Stamp"/>). The draft remembers the presses taken (the latest <see cref="MaxAnswered"/>), so
/// the same press received twice changes the draft once; the step (its dialog state) remembers the number of the card
/// whose press it last took, so a press on a card sent before that one (another button of an answered card, or a card
/// overtaken by a newer one) is an earlier card's. Numbers, not a list of the cards sent, because a card sent in a
/// turn whose state could not be saved must still work: its number is simply newer than anything taken.
/// </summary>
public static class CardInstances
{
    public const int MaxAnswered = 50;
    private const string TakenKey = "takenCard";

    /// <summary>Sends <paramref name="card"/> with the draft's next card number and a random part.</summary>
    public static Task SendAsync(ITurnContext turnContext, JsonObject card, ReportDraft draft, JsonObject state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(state);
        var number = ++draft.CardsSent;

        // The first card of a visit to the step: any card sent before it belongs to an earlier visit.
        state[TakenKey] ??= number - 1;
        var instance = string.Create(CultureInfo.InvariantCulture, $"{number}-{Guid.NewGuid().ToString("N")[..8]}");
        return turnContext.SendCardAsync(StaffCards.Stamp(card, instance), cancellationToken);
    }

    /// <summary>
    /// True when a press on a card of <paramref name="step"/> is to be acted on. Otherwise it is answered here: a
    /// repeated press changes nothing and gets no answer; an earlier card's press is explained and the step's current
    /// card (<paramref name="resend"/>) shown again.
    /// </summary>
    public static async Task<bool> TakeAsync(ITurnContext turnContext, ContentPack pack, StaffSubmit submission, Step step, ReportDraft draft, JsonObject state, Func<Task> resend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(resend);
        switch (Check(submission, step, draft, state))
        {
            case CardPress.Take:
                return true;
            case CardPress.Stale:
                await turnContext.SendActivityAsync(pack.Text(TextKeys.StaleClick), cancellationToken);
                await resend();
                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// Decides about a press on a card of <paramref name="step"/>; when it is taken, it is recorded in the draft and the
    /// step's earlier cards go out of date. A card from before instance ids (none in its data) is judged by step and draft only.
    /// </summary>
    private static CardPress Check(StaffSubmit submission, Step step, ReportDraft draft, JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(state);
        var instance = submission.Instance;
        if (instance is not null && draft.AnsweredCards.Contains(instance))
        {
            return CardPress.Repeated;
        }

        var number = instance is null ? (long?)null : NumberOf(instance);
        if (submission.Step != step.Id
            || submission.Draft != draft.Id
            || (instance is not null && (number is null || number <= (state[TakenKey]?.GetValue<long>() ?? 0))))
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

            state[TakenKey] = number;

            // A card sent in a turn whose state could not be saved has a number the stored draft never counted.
            draft.CardsSent = Math.Max(draft.CardsSent, number!.Value);
        }

        return CardPress.Take;
    }

    /// <summary>The card number of a button's instance id, or null when it has none.</summary>
    private static long? NumberOf(string buttonInstance)
    {
        var dash = buttonInstance.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(buttonInstance.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
