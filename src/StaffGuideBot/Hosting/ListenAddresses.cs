using StaffGuideBot.BotFramework.Authentication;

namespace StaffGuideBot.Hosting;

/// <summary>
/// Where the bot listens when nothing says so explicitly. ASP.NET Core's own settings win (<c>--urls</c>,
/// <c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>); then, in Production, a platform's
/// <c>PORT</c> variable; then, for a deployed bot (Production with an identity), every address on port 8080, the port App Service
/// and .NET containers expect; otherwise the Bot Framework's usual local address.
/// </summary>
public static class ListenAddresses
{
    /// <summary>The Bot Framework's usual local address.</summary>
    public const string Local = "http://localhost:3978";

    /// <summary>The port App Service on Linux and .NET container images expect.</summary>
    public const int PlatformPort = 8080;

    /// <summary>The address to listen on, or null when ASP.NET Core's own settings already say.</summary>
    public static string? Default(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (SetExplicitly(configuration))
        {
            return null;
        }

        // A platform's PORT, in Production only: a developer's shell may have PORT set for something else.
        if (environment.IsProduction() && int.TryParse(configuration["PORT"], out var port) && port is > 0 and <= 65535)
        {
            return $"http://+:{port}";
        }

        var deployed = environment.IsProduction() && !(configuration.Get<BotIdentityOptions>() ?? new BotIdentityOptions()).IsLocalMode;
        return deployed ? $"http://+:{PlatformPort}" : Local;
    }

    /// <summary>
    /// The addresses the host will listen on, as far as configuration tells before it starts (a port alone means every
    /// address).
    /// </summary>
    public static IReadOnlyList<string> Planned(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = new List<string>();
        addresses.AddRange(Split(configuration["urls"]));
        addresses.AddRange(Split(configuration["http_ports"]).Select(p => $"http://+:{p}"));
        addresses.AddRange(Split(configuration["https_ports"]).Select(p => $"https://+:{p}"));
        addresses.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        if (addresses.Count == 0 && Default(configuration, environment) is { } fallback)
        {
            addresses.Add(fallback);
        }

        return addresses;
    }

    private static bool SetExplicitly(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["urls"])
        || !string.IsNullOrWhiteSpace(configuration["http_ports"])
        || !string.IsNullOrWhiteSpace(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists();

    private static string[] Split(string? value) =>
        (value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
