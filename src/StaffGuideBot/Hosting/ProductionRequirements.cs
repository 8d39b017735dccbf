using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Guidance.Dsl;

namespace StaffGuideBot.Hosting;

/// <summary>
/// What a bot running in the Production environment must have, checked before it starts (each problem one sentence,
/// naming its setting). With an identity: the school's tenant in <c>BotAuthentication:AllowedTenants</c>, the Teams
/// service hosts in <c>BotAuthentication:ServiceUrlHosts</c> (appsettings.Production.json) with every configured service
/// URL on one of them over https, and storage that survives a restart. Without one (local mode): refused unless it
/// listens on this computer only, and <c>BotAuthentication:AllowAnonymousOnNonLoopback</c> is refused outright.
/// </summary>
/// <remarks>
/// Local mode on loopback stays possible in Production because nothing outside the computer can reach it (App Service
/// and containers forward to a port on every address, which is refused) and a request a proxy says it forwarded is
/// never anonymous (the adapter checks); it is how the Release build is benchmarked. Never put local mode behind a
/// proxy that adds no forwarding header: its requests look local.
/// </remarks>
public static class ProductionRequirements
{
    /// <summary>The problems, one sentence each; empty when the bot may start (always, outside Production).</summary>
    public static IReadOnlyList<string> Check(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        if (!environment.IsProduction())
        {
            return problems;
        }

        var identity = configuration.Get<BotIdentityOptions>() ?? new BotIdentityOptions();
        var authentication = configuration.GetSection(BotAuthenticationOptions.SectionName).Get<BotAuthenticationOptions>() ?? new BotAuthenticationOptions();
        var prefix = BotAuthenticationOptions.SectionName + ":";
        if (identity.IsLocalMode)
        {
            if (authentication.AllowAnonymousOnNonLoopback)
            {
                problems.Add($"{prefix}AllowAnonymousOnNonLoopback is not allowed in Production.");
            }

            var addresses = ListenAddresses.Planned(configuration, environment);
            if (!LocalModeGuard.AllLoopback(addresses))
            {
                problems.Add($"Local mode (no MicrosoftAppId) is refused in Production on an address other computers can reach ({string.Join(", ", addresses)}). " +
                    "Set the bot identity (MicrosoftAppType, MicrosoftAppId, MicrosoftAppTenantId; see docs/deploy.md).");
            }

            return problems;
        }

        if (authentication.AllowedTenants.All(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{prefix}AllowedTenants must name the school's Entra tenant id in Production.");
        }

        if (authentication.ServiceUrlHosts.Count == 0)
        {
            problems.Add($"{prefix}ServiceUrlHosts must list the Teams service hosts in Production (appsettings.Production.json has them).");
        }

        var dsl = configuration.GetSection(DslOptions.SectionName).Get<DslOptions>() ?? new DslOptions();
        var serviceUrls = authentication.TrustedServiceUrls.Select(url => ($"{prefix}TrustedServiceUrls", (string?)url))
            .Append(($"{DslOptions.SectionName}:ServiceUrl", dsl.ServiceUrl))
            .Append(($"{DslOptions.SectionName}:Allegations:ServiceUrl", dsl.Allegations.ServiceUrl));
        foreach (var (key, url) in serviceUrls)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                continue;
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !authentication.IsOnAllowedHost(url))
            {
                problems.Add($"{key} '{url}' is not a Teams service URL (https on {string.Join(", ", authentication.ServiceUrlHosts)}); the bot's token goes nowhere else in Production.");
            }
        }

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Is("Memory"))
        {
            problems.Add($"{StorageOptions.SectionName}:Provider Memory loses every report on restart; use Sqlite or Postgres in Production.");
        }

        return problems;
    }
}
