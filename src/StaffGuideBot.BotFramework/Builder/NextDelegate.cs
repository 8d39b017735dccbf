namespace StaffGuideBot.BotFramework.Builder;

public delegate Task NextDelegate(CancellationToken cancellationToken);
