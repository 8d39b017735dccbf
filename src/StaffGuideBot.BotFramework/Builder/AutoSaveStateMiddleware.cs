using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// Saves the given states at the end of every turn that completed (a failed turn leaves stored state as it was), and
/// holds the turn's replies until then: a user never sees the next question for an answer that was not kept.
/// </summary>
/// <remarks>
/// When saving fails, or a write in the turn fails with <see cref="StorageUnavailableException"/>, the held replies
/// are dropped and <see cref="OnSaveFailed"/> answers instead (without one, the exception goes on to the adapter's
/// error handler). In a continuation turn (see <see cref="ConversationReference.GetContinuationActivity"/>) the
/// exception always goes on, to the code that started the turn. A turn that throws anything else sends nothing it held. Replies are held as they would be sent,
/// so the ids in the <see cref="ResourceResponse"/>s a held send returns are empty: code that needs the id of a
/// message it posts (to update it later) calls the connector directly, outside a turn.
/// </remarks>
public sealed partial class AutoSaveStateMiddleware(params BotState[] states) : IMiddleware
{
    /// <summary>Answers a turn whose changes were not saved; the exception is what stopped the save.</summary>
    public Func<ITurnContext, Exception, CancellationToken, Task>? OnSaveFailed { get; set; }

    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>
    /// Asked when the save conflicted with a write made meanwhile: true when that write was another instance running
    /// this same activity (see <see cref="DeduplicationMiddleware.WasHandledElsewhereAsync"/>). The turn is then a
    /// duplicate: its replies are dropped and nobody is told anything went wrong, because nothing did.
    /// </summary>
    public Func<ITurnContext, CancellationToken, Task<bool>>? HandledElsewhere { get; set; }

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

        if (notSaved is StorageConcurrencyException && HandledElsewhere is not null && await HandledElsewhere(turnContext, cancellationToken).ConfigureAwait(false))
        {
            LogHandledElsewhere(Logger, turnContext.TraceId, held.Count);
            await DeduplicationMiddleware.DropAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return;
        }

        LogNotSaved(Logger, turnContext.TraceId, notSaved.GetType().FullName ?? notSaved.GetType().Name, held.Count);
        // A continuation (a proactive turn the bot started itself) has nobody to answer: the code that started it
        // must learn that its changes were not kept, so it doesn't go on as if they were.
        if (OnSaveFailed is null || IsContinuation(turnContext.Activity))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(notSaved);
        }

        await OnSaveFailed(turnContext, notSaved, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsContinuation(Activity activity) =>
        activity.Type == ActivityTypes.Event && activity.Name == ConversationReference.ContinuationEventName;

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn {TraceId}: a redelivery another instance had already answered; its {Count} replies were dropped")]
    private static partial void LogHandledElsewhere(ILogger logger, string traceId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Turn {TraceId}: its state was not saved ({ExceptionType}); its {Count} replies were dropped")]
    private static partial void LogNotSaved(ILogger logger, string traceId, string exceptionType, int count);
}
