using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>The outcome of authenticating one request: the caller's identity, or an HTTP status and a reason for the log.</summary>
public sealed class AuthenticationOutcome
{
    private AuthenticationOutcome(bool succeeded, int statusCode, string? reason, ClaimsIdentity? identity, bool vouchesForServiceUrl)
    {
        Succeeded = succeeded;
        StatusCode = statusCode;
        Reason = reason;
        Identity = identity;
        VouchesForServiceUrl = vouchesForServiceUrl;
    }

    public bool Succeeded { get; }

    public int StatusCode { get; }

    public string? Reason { get; }

    public ClaimsIdentity? Identity { get; }

    /// <summary>
    /// True when the credential itself names the activity's service URL (a channel token's matching <c>serviceurl</c>
    /// claim, or local mode), so that URL may be trusted with the bot's token from now on.
    /// </summary>
    public bool VouchesForServiceUrl { get; }

    public static AuthenticationOutcome Success(ClaimsIdentity identity, bool vouchesForServiceUrl) => new(true, 200, null, identity, vouchesForServiceUrl);

    public static AuthenticationOutcome Fail(int statusCode, string reason) => new(false, statusCode, reason, null, false);
}
