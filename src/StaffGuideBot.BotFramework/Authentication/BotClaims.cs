using System.Security.Claims;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// The claims identity the bot acts under when it starts a turn itself (a proactive message), as Bot Builder's
/// <c>CloudAdapterBase</c> and the Agents SDK's <c>AgentClaims.CreateIdentity</c> build it: the bot's own app id as
/// the audience and as the app id. Built only here, so every proactive send carries the same identity.
/// </summary>
public static class BotClaims
{
    /// <summary>The audience claim: who the token was issued for (the bot's app id).</summary>
    public const string AudienceClaim = "aud";

    /// <summary>The app id claim of a v1 token (<c>azp</c> in v2): the app acting.</summary>
    public const string AppIdClaim = "appid";

    /// <summary>The authentication type of the identity a bot gives its own proactive turns.</summary>
    public const string AuthenticationType = "BotProactive";

    /// <summary>
    /// The bot's identity for a proactive turn; with no app id (local mode) an unauthenticated identity with no
    /// claims, as the anonymous inbound turns have.
    /// </summary>
    public static ClaimsIdentity CreateIdentity(string? botAppId) =>
        string.IsNullOrWhiteSpace(botAppId)
            ? new ClaimsIdentity()
            : new ClaimsIdentity([new Claim(AudienceClaim, botAppId), new Claim(AppIdClaim, botAppId)], AuthenticationType);

    /// <summary>The audience of <paramref name="identity"/> (for the bot's own identity, its app id); null when it has none.</summary>
    public static string? GetAudience(ClaimsIdentity? identity) => identity?.FindFirst(AudienceClaim)?.Value;
}
