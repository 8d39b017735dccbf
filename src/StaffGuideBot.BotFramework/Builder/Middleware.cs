using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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

/// <summary>What the user is told when a turn's changes could not be saved (its replies were never sent).</summary>
public interface ITurnNotSavedHandler
{
    /// <summary>Answers the turn instead of its dropped replies; the turn's unsaved changes are still in its state cache.</summary>
    Task OnTurnNotSavedAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken);
}

/// <summary>
/// Saves the given states at the end of every turn that completed (a failed turn leaves stored state as it was), and
/// holds the turn's replies until then: a user never sees the next question for an answer that was not kept.
/// </summary>
/// <remarks>
/// When saving fails, or a write in the turn fails with <see cref="StorageUnavailableException"/>, the held replies
/// are dropped and <see cref="OnSaveFailed"/> answers instead (without one, the exception goes on to the adapter's
/// error handler). A turn that throws anything else sends nothing it held. Replies are held as they would be sent,
/// so the ids in the <see cref="ResourceResponse"/>s a held send returns are empty: code that needs the id of a
/// message it posts (to update it later) calls the connector directly, outside a turn.
/// </remarks>
public sealed partial class AutoSaveStateMiddleware(params BotState[] states) : IMiddleware
{
    /// <summary>Answers a turn whose changes were not saved; the exception is what stopped the save.</summary>
    public Func<ITurnContext, Exception, CancellationToken, Task>? OnSaveFailed { get; set; }

    public ILogger Logger { get; set; } = NullLogger.Instance;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var held = new List<Activity>();
        var holding = true;
        turnContext.OnSendActivities(async (_, activities, send) =>
        {
            if (!holding)
            {
                return await send().ConfigureAwait(false);
            }

            held.AddRange(activities);
            return [.. activities.Select(_ => new ResourceResponse())];
        });

        Exception? notSaved = null;
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
            notSaved = await SaveAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException ex) when (OnSaveFailed is not null)
        {
            notSaved = ex;
        }
        finally
        {
            holding = false;
        }

        if (notSaved is null)
        {
            if (held.Count > 0)
            {
                await turnContext.SendActivitiesAsync(held, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        LogNotSaved(Logger, turnContext.TraceId, notSaved.GetType().FullName ?? notSaved.GetType().Name, held.Count);
        if (OnSaveFailed is null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(notSaved);
        }

        await OnSaveFailed(turnContext, notSaved, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Saves every state; returns what stopped it (when there is a handler for that), else null.</summary>
    private async Task<Exception?> SaveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var state in states)
            {
                await state.SaveChangesAsync(turnContext, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
#pragma warning disable CA1031 // Whatever stopped the save (storage down, a conflicting write), the answer was not kept: the user is told.
        catch (Exception ex) when (OnSaveFailed is not null && ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return ex;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TraceId}: its state was not saved ({ExceptionType}); its {Count} replies were dropped")]
    private static partial void LogNotSaved(ILogger logger, string traceId, string exceptionType, int count);
}
