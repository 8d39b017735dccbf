namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// Gets the bearer token the bot sends to the Bot Connector. One instance per process; implementations cache.
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>The access token, or null when the bot runs without an identity (local mode: no Authorization header).</summary>
    Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default);
}
