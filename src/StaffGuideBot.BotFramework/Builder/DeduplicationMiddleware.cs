using Microsoft.Extensions.Caching.Memory;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// Drops an activity the channel delivers again (same conversation and activity id within <see cref="Window"/>),
/// so a redelivery after a slow answer never runs a step twice. Place it after <see cref="ConversationSerializationMiddleware"/>.
/// A duplicate invoke is answered 200 with no body.
/// </summary>
public sealed class DeduplicationMiddleware(IMemoryCache cache, TimeSpan? window = null) : IMiddleware
{
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
        if (cache.TryGetValue(key, out _))
        {
            turnContext.TurnState.Set(DuplicateMarker.Instance);
            if (activity.Type == ActivityTypes.Invoke)
            {
                await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = new InvokeResponse { Status = 200 } }, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        using (var entry = cache.CreateEntry(key))
        {
            entry.Value = true;
            entry.AbsoluteExpirationRelativeToNow = Window;
            entry.Size = 1;
        }

        await next(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the turn was dropped as a redelivery.</summary>
    public static bool WasDuplicate(ITurnContext turnContext) =>
        turnContext?.TurnState.Get<DuplicateMarker>() is not null;

    private sealed class DuplicateMarker
    {
        public static readonly DuplicateMarker Instance = new();
    }
}
