using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace StaffGuideBot.Tests.Http;

/// <summary>
/// A real OpenID metadata endpoint on loopback with keys made for the test: one endorsed for msteams, one endorsed
/// only for another channel. Tokens can also be signed with a key it never publishes.
/// </summary>
public sealed class LocalOpenIdServer : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string TenantId = "tenant-a";

    private readonly WebApplication _app;

    private LocalOpenIdServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string ChannelMetadataUrl => $"{BaseUrl}/botframework/.well-known/openidconfiguration";

    public string EntraMetadataUrl => $"{BaseUrl}/{{tenantId}}/v2.0/.well-known/openid-configuration";

    public static RsaSecurityKey TeamsKey { get; } = NewKey("teams-key");

    public static RsaSecurityKey OtherChannelKey { get; } = NewKey("webchat-key");

    public static RsaSecurityKey EntraKey { get; } = NewKey("entra-key");

    public static RsaSecurityKey UnpublishedKey { get; } = NewKey("teams-key-forged");

    public static async Task<LocalOpenIdServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/botframework/.well-known/openidconfiguration", (HttpContext ctx) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = ChannelIssuer,
            ["jwks_uri"] = $"{Base(ctx)}/botframework/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/botframework/keys", () => Results.Json(new { keys = new[] { Jwk(TeamsKey, "msteams", "emulator"), Jwk(OtherChannelKey, "webchat") } }));
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant, HttpContext ctx) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = $"https://login.microsoftonline.com/{tenant}/v2.0",
            ["jwks_uri"] = $"{Base(ctx)}/{tenant}/keys",
        }));
        app.MapGet("/{tenant}/keys", () => Results.Json(new { keys = new[] { Jwk(EntraKey) } }));
        await app.StartAsync();
        return new LocalOpenIdServer(app, app.Urls.First());
    }

    /// <summary>A channel token as the Bot Framework issues it to a bot.</summary>
    public static string ChannelToken(
        string audience,
        string serviceUrl,
        RsaSecurityKey? key = null,
        string issuer = ChannelIssuer,
        DateTime? expires = null) =>
        Sign(key ?? TeamsKey, issuer, audience, expires, new Dictionary<string, object> { ["serviceurl"] = serviceUrl });

    /// <summary>
    /// An Entra ID access token for <paramref name="audience"/>, asked for by the app <paramref name="caller"/>
    /// (v2: <c>azp</c>; v1: <c>appid</c> and the sts.windows.net issuer); no caller claim when it is null.
    /// </summary>
    public static string EntraToken(string audience, string tenantId = TenantId, string? caller = null, bool v1 = false)
    {
        var claims = new Dictionary<string, object> { ["tid"] = tenantId, ["ver"] = v1 ? "1.0" : "2.0" };
        if (caller is not null)
        {
            claims[v1 ? "appid" : "azp"] = caller;
        }

        var issuer = v1 ? $"https://sts.windows.net/{tenantId}/" : $"https://login.microsoftonline.com/{tenantId}/v2.0";
        return Sign(EntraKey, issuer, audience, null, claims);
    }

    /// <summary>An unsigned token (<c>alg: none</c>) that claims to come from the channel.</summary>
    public static string UnsignedChannelToken(string audience, string serviceUrl)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var expires = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{ChannelIssuer}}","aud":"{{audience}}","serviceurl":"{{serviceUrl}}","exp":{{expires}},"nbf":{{expires - 3600}}}""");
        return $"{header}.{payload}.";
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string Sign(RsaSecurityKey key, string issuer, string audience, DateTime? expires, Dictionary<string, object> claims)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddHours(-1),
            NotBefore = expiry.AddHours(-1),
            Expires = expiry,
            Claims = claims,
            Subject = new ClaimsIdentity(),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Base(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    private static Dictionary<string, object> Jwk(RsaSecurityKey key, params string[] endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (endorsements.Length > 0)
        {
            jwk["endorsements"] = endorsements;
        }

        return jwk;
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid == "teams-key-forged" ? "teams-key" : kid };
}
