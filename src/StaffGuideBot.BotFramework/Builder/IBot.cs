namespace StaffGuideBot.BotFramework.Builder;

/// <summary>The bot's logic for one turn.</summary>
public interface IBot
{
    Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default);
}
