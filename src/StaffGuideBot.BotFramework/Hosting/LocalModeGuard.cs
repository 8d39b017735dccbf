using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>
/// Local mode (no app id) accepts anonymous requests, so it must only listen on this computer. At start-up it warns
/// clearly, and stops the host if it is bound to any non-loopback address unless that is explicitly allowed.
/// </summary>
public sealed partial class LocalModeGuard(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<BotIdentityOptions> identity,
    IOptions<BotAuthenticationOptions> authentication,
    ILogger<LocalModeGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!identity.Value.IsLocalMode)
        {
            return Task.CompletedTask;
        }

        LogLocalMode(logger);
        lifetime.ApplicationStarted.Register(CheckAddresses);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>True when every address is a loopback one (localhost, 127.0.0.0/8, ::1), read as Kestrel reads it.</summary>
    public static bool AllLoopback(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            // Kestrel's own parser: only the name "localhost" or a loopback IP binds to loopback; any other host (a
            // name that resolves to 127.0.0.1, "*", "+", anything with user info in it) binds to every address.
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                return false;
            }

            var loopback = string.Equals(binding.Host, "localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(binding.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback)
            {
                return false;
            }
        }

        return true;
    }

    private void CheckAddresses()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (AllLoopback(addresses))
        {
            return;
        }

        var listed = string.Join(", ", addresses);
        if (authentication.Value.AllowAnonymousOnNonLoopback)
        {
            LogForced(logger, listed);
            return;
        }

        LogRefused(logger, listed);
        Environment.ExitCode = 2;
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "LOCAL MODE: no MicrosoftAppId is configured, so requests are not authenticated. Anonymous requests are accepted from this computer only (for the Agents Playground). Configure the bot identity before deploying.")]
    private static partial void LogLocalMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Refusing to run: local mode (no MicrosoftAppId) is listening on a non-loopback address ({Addresses}). Bind to localhost, configure the bot identity, or set BotAuthentication:AllowAnonymousOnNonLoopback=true if you really mean it.")]
    private static partial void LogRefused(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Local mode is listening on a non-loopback address ({Addresses}) because BotAuthentication:AllowAnonymousOnNonLoopback is set. Anonymous requests from other computers are still refused.")]
    private static partial void LogForced(ILogger logger, string addresses);
}
