using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// Decides whether an inbound activity may run: validates the caller's bearer token (Bot Framework channel tokens,
/// and Entra ID tokens for a single-tenant bot), the signing key's endorsement for the activity's channel,
/// the <c>serviceurl</c> claim, and the tenant allow-list. In local mode (no app id) it accepts anonymous
/// requests from loopback addresses only. Anything that is not a readable, valid token is a 401.
/// </summary>
/// <remarks>
/// An Entra ID token is accepted only when the app that asked for it (<c>azp</c> in v2 tokens, <c>appid</c> in v1)
/// is the bot itself or on <see cref="BotAuthenticationOptions.AllowedCallers"/>; any app registered in the tenant
/// can get a token for the bot's audience, so the audience alone proves nothing about the caller. Such a token
/// says nothing about the service URL either: the activity must name one that is already trusted (configured, or
/// seen in a channel token's <c>serviceurl</c> claim), else it is refused with 403. Only a channel token makes a
/// service URL trusted (<see cref="AuthenticationOutcome.VouchesForServiceUrl"/>).
/// </remarks>
public sealed partial class BotFrameworkAuthenticator
{
    private const string ServiceUrlClaim = "serviceurl";
    private const string VersionClaim = "ver";
    private const string V1CallerClaim = "appid";
    private const string V2CallerClaim = "azp";

    private readonly BotIdentityOptions _identity;
    private readonly BotAuthenticationOptions _options;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _channelMetadata;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _entraMetadata;
    private readonly HashSet<string> _allowedTenants;
    private readonly HashSet<string> _allowedCallers;
    private readonly ServiceUrlTrustList _trustList;

    public BotFrameworkAuthenticator(
        IOptions<BotIdentityOptions> identity,
        IOptions<BotAuthenticationOptions> options,
        ServiceUrlTrustList trustList,
        IHttpClientFactory httpClientFactory,
        ILogger<BotFrameworkAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        _identity = identity.Value;
        _options = options.Value;
        _trustList = trustList;
        _logger = logger;
        _allowedTenants = new HashSet<string>(_options.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()), StringComparer.OrdinalIgnoreCase);
        _allowedCallers = new HashSet<string>(_options.AllowedCallers.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()), StringComparer.OrdinalIgnoreCase);
        if (!_identity.IsLocalMode)
        {
            _allowedCallers.Add(_identity.MicrosoftAppId!.Trim());
        }
        if (_identity.IsLocalMode)
        {
            return;
        }

        var httpClient = httpClientFactory.CreateClient(nameof(BotFrameworkAuthenticator));
        _channelMetadata = CreateMetadataManager(_options.ChannelOpenIdMetadataUrl, httpClient);
        if (_identity.AppType != BotAppType.MultiTenant && !string.IsNullOrWhiteSpace(_identity.MicrosoftAppTenantId))
        {
            var url = _options.EntraOpenIdMetadataUrl.Replace("{tenantId}", _identity.MicrosoftAppTenantId.Trim(), StringComparison.OrdinalIgnoreCase);
            _entraMetadata = CreateMetadataManager(url, httpClient);
        }
    }

    public bool IsLocalMode => _identity.IsLocalMode;

    public async Task<AuthenticationOutcome> AuthenticateAsync(string? authorizationHeader, Activity activity, IPAddress? remoteAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var outcome = _identity.IsLocalMode
            ? AuthenticateLocal(remoteAddress)
            : await AuthenticateTokenAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        if (_allowedTenants.Count > 0)
        {
            var tenant = activity.GetTenantId();
            if (tenant is null || !_allowedTenants.Contains(tenant))
            {
                return AuthenticationOutcome.Fail(StatusCodes.Forbidden, "The activity's tenant is not on the allow-list.");
            }
        }

        return outcome;
    }

    // Local mode sends no token anywhere, so the service URL of a request from this computer (the Agents Playground's) is trusted.
    private static AuthenticationOutcome AuthenticateLocal(IPAddress? remoteAddress) =>
        remoteAddress is not null && IPAddress.IsLoopback(remoteAddress)
            ? AuthenticationOutcome.Success(new ClaimsIdentity(), vouchesForServiceUrl: true)
            : AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "Local mode accepts anonymous requests from this computer only.");

    private async Task<AuthenticationOutcome> AuthenticateTokenAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "A bearer token is required.");
        }

        var token = authorizationHeader["Bearer ".Length..].Trim();
        var issuer = token.Length > 0 && _handler.CanReadToken(token) ? ReadIssuer(token) : null;
        if (issuer is null)
        {
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The token is not a readable JWT.");
        }

        if (string.Equals(issuer, _options.ChannelTokenIssuer, StringComparison.OrdinalIgnoreCase))
        {
            return await ValidateChannelTokenAsync(token, activity, cancellationToken).ConfigureAwait(false);
        }

        if (_entraMetadata is not null && IsEntraIssuer(issuer))
        {
            return await ValidateEntraTokenAsync(token, activity).ConfigureAwait(false);
        }

        return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The token's issuer is not trusted.");
    }

    private async Task<AuthenticationOutcome> ValidateChannelTokenAsync(string token, Activity activity, CancellationToken cancellationToken)
    {
        var parameters = CreateParameters(_channelMetadata!, [_options.ChannelTokenIssuer]);
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            LogRefusal(result);
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The token is not valid.");
        }

        // The channel's metadata endorses each signing key for the channels that may use it.
        var configuration = await _channelMetadata!.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        var keyId = ((JsonWebToken)result.SecurityToken).Kid;
        if (!IsEndorsed(configuration, keyId, activity.ChannelId))
        {
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The token's signing key is not endorsed for this channel.");
        }

        var serviceUrl = result.ClaimsIdentity.FindFirst(ServiceUrlClaim)?.Value;
        if (!SameServiceUrl(serviceUrl, activity.ServiceUrl))
        {
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The token's serviceurl claim does not match the activity.");
        }

        return AuthenticationOutcome.Success(result.ClaimsIdentity, vouchesForServiceUrl: true);
    }

    private async Task<AuthenticationOutcome> ValidateEntraTokenAsync(string token, Activity activity)
    {
        var tenant = _identity.MicrosoftAppTenantId!.Trim();
        var parameters = CreateParameters(_entraMetadata!, [$"https://sts.windows.net/{tenant}/", $"https://login.microsoftonline.com/{tenant}/v2.0"]);
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            LogRefusal(result);
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The token is not valid.");
        }

        // v1 tokens name the app that asked for them in appid, v2 tokens in azp.
        var callerClaim = result.ClaimsIdentity.FindFirst(VersionClaim)?.Value == "1.0" ? V1CallerClaim : V2CallerClaim;
        var caller = result.ClaimsIdentity.FindFirst(callerClaim)?.Value;
        if (string.IsNullOrWhiteSpace(caller) || !_allowedCallers.Contains(caller.Trim()))
        {
            return AuthenticationOutcome.Fail(StatusCodes.Unauthorized, "The Entra token was asked for by an app that is not an allowed caller.");
        }

        if (!_trustList.IsTrusted(activity.ServiceUrl))
        {
            return AuthenticationOutcome.Fail(StatusCodes.Forbidden, "An Entra token may only be used with a service URL that is already trusted.");
        }

        return AuthenticationOutcome.Success(result.ClaimsIdentity, vouchesForServiceUrl: false);
    }

    /// <summary>The token's issuer; null when the token can't be decoded (bad base64, not JSON, encrypted, no issuer).</summary>
    private static string? ReadIssuer(string token)
    {
        try
        {
            return new JsonWebToken(token).Issuer is { Length: > 0 } issuer ? issuer : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or SecurityTokenException or InvalidOperationException)
        {
            return null;
        }
    }

    private TokenValidationParameters CreateParameters(ConfigurationManager<OpenIdConnectConfiguration> metadata, string[] issuers) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers,
        ValidateAudience = true,
        ValidAudiences = [_identity.MicrosoftAppId!.Trim(), $"api://{_identity.MicrosoftAppId.Trim()}"],
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = _options.ClockSkew,
        ConfigurationManager = metadata,
    };

    private bool IsEntraIssuer(string issuer)
    {
        var tenant = _identity.MicrosoftAppTenantId?.Trim();
        return tenant is not null
            && (string.Equals(issuer, $"https://sts.windows.net/{tenant}/", StringComparison.OrdinalIgnoreCase)
                || string.Equals(issuer, $"https://login.microsoftonline.com/{tenant}/v2.0", StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsEndorsed(OpenIdConnectConfiguration configuration, string? keyId, string? channelId)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(channelId))
        {
            return false;
        }

        var key = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return false;
        }

        return endorsements switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.String && string.Equals(e.GetString(), channelId, StringComparison.OrdinalIgnoreCase)),
            IEnumerable<object> list => list.Any(e => string.Equals(e?.ToString(), channelId, StringComparison.OrdinalIgnoreCase)),
            _ => false,
        };
    }

    private static bool SameServiceUrl(string? claim, string? activityServiceUrl) =>
        !string.IsNullOrEmpty(claim) && !string.IsNullOrEmpty(activityServiceUrl)
        && string.Equals(claim.TrimEnd('/'), activityServiceUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static ConfigurationManager<OpenIdConnectConfiguration> CreateMetadataManager(string url, HttpClient httpClient)
    {
        // Plain http is allowed only for a metadata endpoint on this computer (tests, local tools).
        var requireHttps = !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback);
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            url,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(httpClient) { RequireHttps = requireHttps });
    }

    private void LogRefusal(TokenValidationResult result)
    {
        // The failure's type only: messages can quote token contents.
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var reason = result.Exception?.GetType().Name ?? "invalid";
            LogTokenRefused(_logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound token refused: {Reason}")]
    private static partial void LogTokenRefused(ILogger logger, string reason);

    private static class StatusCodes
    {
        public const int Unauthorized = 401;
        public const int Forbidden = 403;
    }
}
