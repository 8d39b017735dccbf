using Microsoft.Identity.Client;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// Tokens for a multi-tenant or single-tenant bot: the OAuth 2.0 client-credentials grant through MSAL
/// (client secret or certificate). MSAL keeps the token in its in-memory app token cache and renews it before expiry,
/// so this class holds one <see cref="IConfidentialClientApplication"/> for the process and caches nothing itself.
/// </summary>
public sealed class MsalAccessTokenProvider : IAccessTokenProvider
{
    private readonly string[] _scopes;

    public MsalAccessTokenProvider(IConfidentialClientApplication application, string scope)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        Application = application;
        _scopes = [scope];
    }

    /// <summary>The MSAL application (its authority and client id show which identity is used).</summary>
    public IConfidentialClientApplication Application { get; }

    public IReadOnlyList<string> Scopes => _scopes;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        var result = await Application.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }
}
