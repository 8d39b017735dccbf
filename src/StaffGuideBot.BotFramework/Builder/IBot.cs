namespace StaffGuideBot.BotFramework.Builder;

/// <summary>The bot's logic for one turn.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}

public delegate Task NextDelegate(CancellationToken cancellationToken);

/// <summary>Runs before and after the bot on every turn; call <c>next</c> to go on, or don't to stop the turn.</summary>
public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default);
}
