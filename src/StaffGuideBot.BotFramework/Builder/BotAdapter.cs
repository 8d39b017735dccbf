using System.Security.Claims;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>Runs turns through the middleware to the bot and carries the bot's outgoing activities to the channel.</summary>
public abstract class BotAdapter
{
    /// <summary>
    /// The <see cref="ITurnContext.TurnState"/> key of the <see cref="InvokeResponse"/> the bot gave in the turn (an
    /// <c>invokeResponse</c> activity it sent), which the adapter returns as the HTTP response of the invoke.
    /// </summary>
    public const string InvokeResponseKey = "BotAdapter.InvokeResponse";

    private readonly List<IMiddleware> _middleware = [];

    /// <summary>Called when a turn throws; the default rethrows.</summary>
    public Func<ITurnContext, Exception, Task>? OnTurnError { get; set; }

    public BotAdapter Use(IMiddleware middleware)
    {
        ArgumentNullException.ThrowIfNull(middleware);
        _middleware.Add(middleware);
        return this;
    }

    public abstract Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);

    public abstract Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken);

    public abstract Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a proactive turn in the conversation of <paramref name="reference"/> (e.g. a reminder or a notice to a
    /// reporter) under <paramref name="claimsIdentity"/>, the bot's own identity
    /// (<see cref="Authentication.BotClaims.CreateIdentity"/>), which the turn carries in its state as an inbound turn
    /// carries the caller's. As in Bot Builder's and the Agents SDK's adapters, with one difference: what the turn
    /// throws reaches the caller, not <see cref="OnTurnError"/>. Proactive turns here are deliveries (a notice to a
    /// reporter, a reminder) that their caller records and tries again; the turn error handler, made for turns a user
    /// started, would log, apologise into the same unreachable chat, and let a message that never arrived look sent.
    /// </summary>
    public abstract Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="callback"/> (usually <see cref="IBot.OnTurnAsync"/>) behind the middleware; errors go to
    /// <see cref="OnTurnError"/>, unless <paramref name="errorsToCaller"/>: then they reach the caller.
    /// </summary>
    protected async Task RunPipelineAsync(ITurnContext turnContext, BotCallbackHandler callback, CancellationToken cancellationToken, bool errorsToCaller = false)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        try
        {
            await RunMiddlewareAsync(turnContext, 0, callback, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (OnTurnError is not null && !errorsToCaller && ex is not OperationCanceledException)
        {
            await OnTurnError(turnContext, ex).ConfigureAwait(false);
        }
    }

    private Task RunMiddlewareAsync(ITurnContext turnContext, int index, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        if (index == _middleware.Count)
        {
            return callback(turnContext, cancellationToken);
        }

        return _middleware[index].OnTurnAsync(turnContext, ct => RunMiddlewareAsync(turnContext, index + 1, callback, ct), cancellationToken);
    }
}
