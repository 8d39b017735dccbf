using Azure.Core;
using Microsoft.Extensions.Logging;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// Tokens from an Azure.Identity <see cref="TokenCredential"/> (a user-assigned managed identity in production).
/// The token is kept until shortly before it expires (or until the credential's suggested refresh time), and only one
/// caller at a time fetches a new one. If a refresh fails while the old token has not yet expired, the old one is used.
/// </summary>
public sealed partial class TokenCredentialAccessTokenProvider : IAccessTokenProvider, IDisposable
{
    /// <summary>How long before expiry a cached token is renewed.</summary>
    public static readonly TimeSpan DefaultRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly TokenCredential _credential;
    private readonly TokenRequestContext _request;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshMargin;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _cached;

    public TokenCredentialAccessTokenProvider(
        TokenCredential credential,
        string scope,
        TimeProvider? timeProvider = null,
        ILogger<TokenCredentialAccessTokenProvider>? logger = null,
        TimeSpan? refreshMargin = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        _credential = credential;
        _request = new TokenRequestContext([scope]);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _refreshMargin = refreshMargin ?? DefaultRefreshMargin;
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>The credential tokens come from (for diagnostics and tests).</summary>
    public TokenCredential Credential => _credential;

    public async Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } fresh && IsFresh(fresh))
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (_cached is { } renewed && IsFresh(renewed))
            {
                return renewed.Token;
            }

            try
            {
                var token = await _credential.GetTokenAsync(_request, cancellationToken);
                _cached = token;
                return token.Token;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && _cached is { } old && old.ExpiresOn > _timeProvider.GetUtcNow())
            {
                LogRefreshFailedUsingCachedToken(_logger, ex.GetType().Name, old.ExpiresOn);
                return old.Token;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool IsFresh(AccessToken token)
    {
        var now = _timeProvider.GetUtcNow();
        var renewAt = token.ExpiresOn - _refreshMargin;
        if (token.RefreshOn is { } refreshOn && refreshOn < renewAt)
        {
            renewAt = refreshOn;
        }

        return now < renewAt;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Renewing the managed identity token failed ({ExceptionType}); using the cached token, which expires at {ExpiresOn}.")]
    private static partial void LogRefreshFailedUsingCachedToken(ILogger logger, string exceptionType, DateTimeOffset expiresOn);
}
