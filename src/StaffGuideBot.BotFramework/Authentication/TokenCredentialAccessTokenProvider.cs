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
    // A reference, swapped whole, so a reader never sees half of an old token and half of a new one.
    private volatile CachedToken? _cached;

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
        if (_cached is { } fresh && _timeProvider.GetUtcNow() < fresh.RenewAt)
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have renewed it while this one waited.
            if (_cached is { } renewed && _timeProvider.GetUtcNow() < renewed.RenewAt)
            {
                return renewed.Token;
            }

            try
            {
                var token = await _credential.GetTokenAsync(_request, cancellationToken);
                _cached = new CachedToken(token.Token, token.ExpiresOn, RenewAt(token));
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

    /// <summary>Renew at the credential's suggested refresh time, or <c>_refreshMargin</c> before expiry if that is sooner.</summary>
    private DateTimeOffset RenewAt(AccessToken token)
    {
        var renewAt = token.ExpiresOn - _refreshMargin;
        return token.RefreshOn is { } refreshOn && refreshOn < renewAt ? refreshOn : renewAt;
    }

    /// <summary>A class, not a record: its ToString must never print the token.</summary>
    private sealed class CachedToken(string token, DateTimeOffset expiresOn, DateTimeOffset renewAt)
    {
        public string Token { get; } = token;

        public DateTimeOffset ExpiresOn { get; } = expiresOn;

        public DateTimeOffset RenewAt { get; } = renewAt;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Renewing the managed identity token failed ({ExceptionType}); using the cached token, which expires at {ExpiresOn}.")]
    private static partial void LogRefreshFailedUsingCachedToken(ILogger logger, string exceptionType, DateTimeOffset expiresOn);
}
