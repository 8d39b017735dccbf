using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;

namespace StaffGuideBot.BotFramework.Connector;

public static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Bot Connector client and the bot's outbound token provider:
    /// <list type="bullet">
    /// <item><see cref="ConnectorOptions"/> from the <c>Connector</c> section, <see cref="BotAuthenticationOptions"/> from
    /// <c>BotAuthentication</c> and <see cref="BotIdentityOptions"/> from the configuration root (each bound only if nothing
    /// configured it before, and validated at start-up);</item>
    /// <item><see cref="IAccessTokenProvider"/> chosen from the bot identity (anonymous, MSAL, or managed identity);</item>
    /// <item><see cref="ServiceUrlTrustList"/>, <see cref="ConversationRateLimiter"/>, <see cref="TimeProvider"/> as singletons;</item>
    /// <item>the named <see cref="HttpClient"/> <see cref="ConnectorClient.HttpClientName"/> (no redirects, no cookies,
    /// no client-wide timeout: each attempt has its own) and <see cref="IConnectorClient"/>.</item>
    /// </list>
    /// Every registration but the options binding is a TryAdd, so a host or test may register its own first.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        if (!IsConfigured<ConnectorOptions>(services))
        {
            services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.SectionName));
        }

        services.AddOptions<ConnectorOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectorOptions>, ConnectorOptionsValidator>());

        // The inbound authentication may bind these as well; binding twice would add list entries twice.
        if (!IsConfigured<BotAuthenticationOptions>(services))
        {
            services.AddOptions<BotAuthenticationOptions>().Bind(configuration.GetSection(BotAuthenticationOptions.SectionName));
        }

        if (!IsConfigured<BotIdentityOptions>(services))
        {
            services.AddOptions<BotIdentityOptions>().Bind(configuration);
        }

        services.AddOptions<BotIdentityOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotIdentityOptions>, BotIdentityOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceUrlTrustList>();
        services.TryAddSingleton<ConversationRateLimiter>();
        services.TryAddSingleton<IAccessTokenProvider>(sp => AccessTokenProviderFactory.Create(
            sp.GetRequiredService<IOptions<BotIdentityOptions>>().Value,
            sp.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()));

        services.AddHttpClient(ConnectorClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect from the connector is unexpected; never follow one with the bot's token.
                AllowAutoRedirect = false,
                UseCookies = false,
            });
        services.TryAddSingleton<IConnectorClient, ConnectorClient>();
        return services;
    }

    private static bool IsConfigured<TOptions>(IServiceCollection services) where TOptions : class =>
        services.Any(d => d.ServiceType == typeof(IConfigureOptions<TOptions>) || d.ServiceType == typeof(IPostConfigureOptions<TOptions>));
}
