namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>How the bot authenticates callers and which endpoints it trusts (configuration section <c>BotAuthentication</c>).</summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "BotAuthentication";

    /// <summary>OpenID metadata of the Bot Framework channel service (tokens from Teams and the Bot Connector).</summary>
    public string ChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of Bot Framework channel tokens.</summary>
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>OpenID metadata of Entra ID for a single-tenant bot; <c>{tenantId}</c> is replaced.</summary>
    public string EntraOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/{tenantId}/v2.0/.well-known/openid-configuration";

    /// <summary>Entra token authority host for outbound tokens.</summary>
    public string EntraAuthorityHost { get; set; } = "https://login.microsoftonline.com";

    /// <summary>The scope of outbound tokens for the Bot Connector.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Entra app (client) ids, besides the bot's own, whose Entra ID tokens are accepted (the <c>azp</c>/<c>appid</c> claim).
    /// Empty: only tokens the bot's own app asked for.
    /// </summary>
    public IList<string> AllowedCallers { get; } = [];

    /// <summary>Tenants whose activities are accepted; empty accepts any tenant (local mode only should leave it empty).</summary>
    public IList<string> AllowedTenants { get; } = [];

    /// <summary>Service URLs the bot may send tokens to before it has seen them on an authenticated activity.</summary>
    public IList<string> TrustedServiceUrls { get; } = [];

    /// <summary>
    /// The hosts a service URL may be on for the bot to send it its token (e.g. <c>smba.trafficmanager.net</c>), whether
    /// configured or seen on an authenticated activity. Empty: any host. appsettings.Production.json lists the Teams hosts.
    /// </summary>
    public IList<string> ServiceUrlHosts { get; } = [];

    /// <summary>True when <paramref name="serviceUrl"/> is an absolute http(s) address on one of <see cref="ServiceUrlHosts"/> (any, when empty).</summary>
    public bool IsOnAllowedHost(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && (ServiceUrlHosts.Count == 0 || ServiceUrlHosts.Any(host => string.Equals(host?.Trim(), uri.Host, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Allows anonymous (local) mode on a non-loopback address. Never set this in production.</summary>
    public bool AllowAnonymousOnNonLoopback { get; set; }

    /// <summary>Allowed clock skew when validating token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
