namespace StaffGuideBot.BotFramework.Builder;

public delegate Task BotCallbackHandler(ITurnContext turnContext, CancellationToken cancellationToken);
