using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// Runs the turns of one conversation one at a time, so two quick clicks on a card never race over the same state.
/// Different conversations run in parallel. (One process; several instances need the storage's ETags as well.)
/// </summary>
public sealed class ConversationSerializationMiddleware : IMiddleware
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    /// <summary>The number of conversations with a turn running or waiting (for tests and diagnostics).</summary>
    public int ActiveConversations => _gates.Count;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var key = turnContext.Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(key))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        var gate = Acquire(key);
        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await next(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Semaphore.Release();
            }
        }
        finally
        {
            Release(key, gate);
        }
    }

    private Gate Acquire(string key)
    {
        while (true)
        {
            var gate = _gates.GetOrAdd(key, _ => new Gate());
            lock (gate)
            {
                if (!gate.Retired)
                {
                    gate.Users++;
                    return gate;
                }
            }
        }
    }

    private void Release(string key, Gate gate)
    {
        lock (gate)
        {
            if (--gate.Users == 0)
            {
                gate.Retired = true;
                _gates.TryRemove(new KeyValuePair<string, Gate>(key, gate));
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Retired { get; set; }
    }
}

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

/// <summary>Saves the given states at the end of every turn that completed (a failed turn leaves stored state as it was).</summary>
public sealed class AutoSaveStateMiddleware(params BotState[] states) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        await next(cancellationToken).ConfigureAwait(false);
        foreach (var state in states)
        {
            await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
