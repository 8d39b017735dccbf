using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// What happens when a turn throws: the log gets the exception's type and stack with the turn's correlation id
/// (never its message, which can quote what the user typed), and the user gets a plain apology with that id.
/// </summary>
public sealed partial class TurnErrorHandler(ILogger<TurnErrorHandler> logger, Func<string, string> userMessage)
{
    /// <summary>Use as <see cref="BotAdapter.OnTurnError"/>.</summary>
    public async Task HandleAsync(ITurnContext turnContext, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(exception);
        var type = exception.GetType().FullName ?? exception.GetType().Name;
        var stack = exception.StackTrace ?? string.Empty;
        LogTurnFailed(logger, turnContext.TraceId, turnContext.Activity.Type ?? "unknown", type, stack);

        var text = userMessage(turnContext.TraceId);
        try
        {
            if (turnContext.Activity.Type == ActivityTypes.Invoke)
            {
                var body = turnContext.Activity.Name == ActivityHandler.AdaptiveCardActionInvokeName
                    ? AdaptiveCardInvokeResponse.Message(text)
                    : null;
                await turnContext.SendActivityAsync(new Activity
                {
                    Type = ActivityTypes.InvokeResponse,
                    Value = new InvokeResponse { Status = body is null ? 500 : 200, Body = body },
                }).ConfigureAwait(false);
            }
            else if (turnContext.Activity.Type == ActivityTypes.Message)
            {
                await turnContext.SendActivityAsync(text).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // The error handler must never throw: there is nothing left to catch it.
        catch (Exception sendFailure)
#pragma warning restore CA1031
        {
            var sendType = sendFailure.GetType().FullName ?? sendFailure.GetType().Name;
            LogApologyFailed(logger, turnContext.TraceId, sendType);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {TraceId} ({ActivityType}) failed with {ExceptionType}\n{StackTrace}")]
    private static partial void LogTurnFailed(ILogger logger, string traceId, string activityType, string exceptionType, string stackTrace);

    [LoggerMessage(Level = LogLevel.Error, Message = "Turn {TraceId}: could not tell the user about the failure ({ExceptionType})")]
    private static partial void LogApologyFailed(ILogger logger, string traceId, string exceptionType);
}
