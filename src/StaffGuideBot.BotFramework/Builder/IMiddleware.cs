namespace StaffGuideBot.BotFramework.Builder;

/// <summary>Runs before and after the bot on every turn; call <c>next</c> to go on, or don't to stop the turn.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default);
}
