namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>Local mode (no <c>MicrosoftAppId</c>): the bot never sends a token.</summary>
public sealed class AnonymousAccessTokenProvider : IAccessTokenProvider
{
    public static AnonymousAccessTokenProvider Instance { get; } = new();

    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}
