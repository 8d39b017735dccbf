using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// The service URLs the bot may call with its token: those configured, and those seen on activities that passed
/// authentication. A token is never sent anywhere else, so a forged serviceUrl cannot harvest it. When
/// <see cref="BotAuthenticationOptions.ServiceUrlHosts"/> is set (in Production: the Teams hosts), a URL on any other host
/// is never trusted, however it arrives.
/// </summary>
public sealed class ServiceUrlTrustList
{
    private readonly ConcurrentDictionary<string, byte> _trusted = new(StringComparer.OrdinalIgnoreCase);
    private readonly BotAuthenticationOptions _options;

    public ServiceUrlTrustList(IOptions<BotAuthenticationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        foreach (var url in options.Value.TrustedServiceUrls)
        {
            Trust(url);
        }
    }

    /// <summary>Records a service URL from an authenticated activity (or from configuration).</summary>
    public void Trust(string serviceUrl)
    {
        if (_options.IsOnAllowedHost(serviceUrl) && Normalize(serviceUrl) is { } normalized)
        {
            _trusted.TryAdd(normalized, 0);
        }
    }

    public bool IsTrusted(string? serviceUrl) => Normalize(serviceUrl) is { } normalized && _trusted.ContainsKey(normalized);

    private static string? Normalize(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;
}
