using Microsoft.Extensions.Options;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>Checks <see cref="BotAuthenticationOptions"/> at start-up; each problem names its key.</summary>
public sealed class BotAuthenticationOptionsValidator : IValidateOptions<BotAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = BotAuthenticationOptions.SectionName + ":";
        RequireUrl(errors, prefix + nameof(options.ChannelOpenIdMetadataUrl), options.ChannelOpenIdMetadataUrl);
        RequireUrl(errors, prefix + nameof(options.EntraOpenIdMetadataUrl), options.EntraOpenIdMetadataUrl);
        RequireUrl(errors, prefix + nameof(options.EntraAuthorityHost), options.EntraAuthorityHost);
        if (string.IsNullOrWhiteSpace(options.ChannelTokenIssuer))
        {
            errors.Add($"{prefix}ChannelTokenIssuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectorScope))
        {
            errors.Add($"{prefix}ConnectorScope must not be empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}ClockSkew must be between 0 and one hour.");
        }

        foreach (var url in options.TrustedServiceUrls)
        {
            if (!IsHttpUrl(url))
            {
                errors.Add($"{prefix}TrustedServiceUrls has '{url}', which is not an absolute http(s) address.");
            }
            else if (!options.IsOnAllowedHost(url))
            {
                errors.Add($"{prefix}TrustedServiceUrls has '{url}', which is not on a host of {prefix}ServiceUrlHosts ({string.Join(", ", options.ServiceUrlHosts)}).");
            }
        }

        if (options.ServiceUrlHosts.Any(host => string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown))
        {
            errors.Add($"{prefix}ServiceUrlHosts must hold host names only, such as smba.trafficmanager.net.");
        }

        if (options.AllowedTenants.Any(string.IsNullOrWhiteSpace) || options.AllowedCallers.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{prefix}AllowedTenants and AllowedCallers must not have empty entries.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireUrl(List<string> errors, string key, string? value)
    {
        if (!IsHttpUrl(value))
        {
            errors.Add($"{key} must be an absolute http(s) address.");
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
