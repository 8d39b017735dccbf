using Microsoft.Extensions.Caching.Memory;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// Drops an activity the channel delivers again (same conversation and activity id), so a redelivery after a slow
/// answer never runs a step twice. A duplicate invoke is answered 200 with no body.
/// </summary>
/// <remarks>
/// Two memories, so it works across instances behind a load balancer as well as in one process:
/// <list type="bullet">
/// <item>this process's bounded cache (<see cref="Window"/>), the quick answer for a redelivery to the same instance;</item>
/// <item>with a <see cref="ConversationState"/>, the ids of the conversation's last <see cref="RememberedPerConversation"/>
/// messages and invokes, kept in that state and so saved with the turn's own changes (no extra read or write): an
/// instance that never saw the first delivery still knows it was handled, and a turn whose state was not saved is not
/// remembered, so its redelivery runs again. When two instances run the same activity at once, the second one's save
/// conflicts and <see cref="WasHandledElsewhereAsync"/> tells the state middleware it was a duplicate.</item>
/// </list>
/// Place it after <see cref="ConversationSerializationMiddleware"/> and <see cref="AutoSaveStateMiddleware"/>.
/// </remarks>
public sealed class DeduplicationMiddleware(IMemoryCache cache, TimeSpan? window = null, ConversationState? state = null) : IMiddleware
{
    /// <summary>How many activity ids a conversation's state remembers.</summary>
    public const int RememberedPerConversation = 16;

    private const string StateProperty = "HandledActivityIds";

    private readonly IStatePropertyAccessor<List<string>>? _handled = state?.CreateProperty<List<string>>(StateProperty);

    public TimeSpan Window { get; } = window ?? TimeSpan.FromMinutes(10);

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (string.IsNullOrEmpty(activity.Id) || string.IsNullOrEmpty(activity.Conversation?.Id))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        var key = $"dedupe|{activity.ChannelId}|{activity.Conversation.Id}|{activity.Id}";
        var remembered = RemembersInState(activity) ? await _handled!.GetAsync(turnContext, () => [], cancellationToken).ConfigureAwait(false) : null;
        if (cache.TryGetValue(key, out _) || remembered?.Contains(activity.Id) == true)
        {
            await DropAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        using (var entry = cache.CreateEntry(key))
        {
            entry.Value = true;
            entry.AbsoluteExpirationRelativeToNow = Window;
            entry.Size = 1;
        }

        if (remembered is not null)
        {
            remembered.Add(activity.Id);
            if (remembered.Count > RememberedPerConversation)
            {
                remembered.RemoveRange(0, remembered.Count - RememberedPerConversation);
            }
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After this turn's state failed to save on a conflict: true when the stored state (read again) remembers this
    /// activity, i.e. another instance ran the same delivery and saved first. The turn is then a duplicate.
    /// </summary>
    public async Task<bool> WasHandledElsewhereAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (state is null || !RemembersInState(turnContext.Activity) || string.IsNullOrEmpty(turnContext.Activity.Id))
        {
            return false;
        }

        await state.LoadAsync(turnContext, force: true, cancellationToken).ConfigureAwait(false);
        var stored = await _handled!.GetAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        return stored?.Contains(turnContext.Activity.Id) == true;
    }

    /// <summary>True when the turn was dropped as a redelivery.</summary>
    public static bool WasDuplicate(ITurnContext turnContext) =>
        turnContext?.TurnState.Get<DuplicateMarker>() is not null;

    /// <summary>Answers a duplicate as the first delivery's answer has already been given: an invoke gets 200, nothing else anything.</summary>
    public static async Task DropAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Set(DuplicateMarker.Instance);
        if (turnContext.Activity.Type == ActivityTypes.Invoke)
        {
            await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = new InvokeResponse { Status = 200 } }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Messages and invokes (what a user does) are remembered in the conversation's state; events are not worth a write.</summary>
    private bool RemembersInState(Activity activity) =>
        _handled is not null && !string.IsNullOrEmpty(activity.ChannelId)
        && (activity.Type == ActivityTypes.Message || activity.Type == ActivityTypes.Invoke);

    private sealed class DuplicateMarker
    {
        public static readonly DuplicateMarker Instance = new();
    }
}
