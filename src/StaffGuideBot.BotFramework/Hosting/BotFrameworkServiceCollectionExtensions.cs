using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Hosting;

public static class BotFrameworkServiceCollectionExtensions
{
    /// <summary>The key of the provider's own <see cref="IStorage"/> (SQLite, PostgreSQL, memory), under what the bot adds to it.</summary>
    public const string StorageProviderKey = "StaffGuideBot.StorageProvider";

    /// <summary>The Data Protection application name: keys made under it read only documents protected under it.</summary>
    public const string DataProtectionApplicationName = "StaffGuideBot";

    /// <summary>
    /// The key of a <see cref="TokenCredential"/> registered to sign in to PostgreSQL instead of the managed identity
    /// <see cref="StorageOptions.PostgresEntraClientId"/> names (tests use it).
    /// </summary>
    public const string PostgresCredentialKey = "StaffGuideBot.PostgresCredential";

    /// <summary>The tag of the health checks <c>GET /healthz/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Registers the protocol layer: identity and authentication options, the authenticator, the storage chosen by
    /// configuration, conversation and user state, and the <see cref="CloudAdapter"/> with its middleware
    /// (per-conversation serialization, state auto-save that holds a turn's replies until its state is saved (a
    /// registered <see cref="ITurnNotSavedHandler"/> answers when it can't be), de-duplication across instances).
    /// </summary>
    public static IServiceCollection AddBotFramework(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Every section is checked when the host starts: bad configuration stops it, saying which key is wrong.
        services.AddOptions<BotIdentityOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<BotAuthenticationOptions>().Bind(configuration.GetSection(BotAuthenticationOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        services.AddOptions<BotEndpointOptions>().Bind(configuration.GetSection(BotEndpointOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotEndpointOptions>, BotEndpointOptionsValidator>());
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddHttpClient();
        // HttpClient's own log lines name the whole address, and a Bot Connector path holds a conversation's id: they
        // are taken out here, not by a log level that a setting could turn up. Outgoing calls are still traced (host only).
        services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ServiceUrlTrustList>();
        services.TryAddSingleton<BotFrameworkAuthenticator>();
        services.TryAddKeyedSingleton<IStorage>(StorageProviderKey, (sp, _) => CreateProviderStorage(sp));
        services.TryAddSingleton<IStorage>(CreateStorage);
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        // The key ring lives with the state: in the shared database for PostgreSQL (every instance uses the same keys),
        // else in an owner-only folder beside the SQLite file.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory, IServiceProvider>((keys, storage, logs, sp) =>
            keys.XmlRepository = storage.Value.Is("Postgres")
                ? new StorageXmlRepository(sp.GetRequiredKeyedService<IStorage>(StorageProviderKey))
                : OwnerOnlyXmlRepository.Create(storage.Value.ResolveKeysPath(ContentRoot(sp)), logs));
        services.TryAddSingleton<StorageLeases>();
        services.TryAddSingleton<ConversationState>();
        services.TryAddSingleton<UserState>();
        services.TryAddSingleton<ConversationSerializationMiddleware>();
        // The ids handled are kept in each conversation's state (so a redelivery to any instance is known); the
        // process's own cache is only the quick answer, so it is small: memory stays flat however many turns go by.
        services.TryAddSingleton(sp => new DeduplicationMiddleware(
            new MemoryCache(new MemoryCacheOptions { SizeLimit = 10_000 }), state: sp.GetRequiredService<ConversationState>()));
        services.TryAddSingleton(sp =>
        {
            var adapter = ActivatorUtilities.CreateInstance<CloudAdapter>(sp);
            var deduplication = sp.GetRequiredService<DeduplicationMiddleware>();
            adapter.Use(sp.GetRequiredService<ConversationSerializationMiddleware>());
            var autoSave = new AutoSaveStateMiddleware(sp.GetRequiredService<ConversationState>(), sp.GetRequiredService<UserState>())
            {
                Logger = sp.GetRequiredService<ILogger<AutoSaveStateMiddleware>>(),
                HandledElsewhere = deduplication.WasHandledElsewhereAsync,
            };
            if (sp.GetRequiredService<IServiceProviderIsService>().IsService(typeof(ITurnNotSavedHandler)))
            {
                // Resolved when needed: the handler (the bot) may itself depend on the adapter.
                autoSave.OnSaveFailed = (turnContext, exception, cancellationToken) =>
                    sp.GetRequiredService<ITurnNotSavedHandler>().OnTurnNotSavedAsync(turnContext, exception, cancellationToken);
            }

            adapter.Use(autoSave);
            // Inside the state middleware: the activity id it remembers is saved with the turn's own changes.
            adapter.Use(deduplication);
            if (sp.GetService<TurnErrorHandler>() is { } errorHandler)
            {
                adapter.OnTurnError = errorHandler.HandleAsync;
            }

            return adapter;
        });
        // Services that send proactively depend on the abstraction, not on the HTTP adapter.
        services.TryAddSingleton<BotAdapter>(sp => sp.GetRequiredService<CloudAdapter>());
        services.AddHostedService<LocalModeGuard>();
        // Warns (log and /healthz) before a client secret or certificate expires.
        services.TryAddSingleton<CredentialExpiryMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<CredentialExpiryMonitor>());
        services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredService<CredentialExpiryMonitor>());
        // GET /healthz/ready: not ready while storage can't be written; degraded while the credential is near expiry.
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .Add(new HealthCheckRegistration("credential", sp => sp.GetRequiredService<CredentialExpiryMonitor>(), failureStatus: null, tags: [ReadyTag]));
        services.AddBotConnector(configuration);
        return services;
    }

    /// <summary>Maps <c>POST {pattern}</c> (default <c>/api/messages</c>) to the adapter and the registered <see cref="IBot"/>.</summary>
    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, (HttpContext context, CloudAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(context.Request, context.Response, bot, context.RequestAborted));

    /// <summary>
    /// Maps the health endpoints. <c>GET {pattern}/live</c>: 200 while the process answers at all (for a platform's
    /// liveness probe). <c>GET {pattern}/ready</c>: the health checks tagged <see cref="ReadyTag"/>, 503 when one is
    /// unhealthy (storage can't be written), 200 with <c>Degraded</c> when one needs attention (for a load balancer
    /// and monitoring). <c>GET {pattern}</c>: the summary, 200 when storage can be read and written, 503 when it can't,
    /// with a section from each registered <see cref="IHealthReporter"/> (e.g. which content is live).
    /// </summary>
    public static IEndpointConventionBuilder MapBotHealth(this IEndpointRouteBuilder endpoints, string pattern = "/healthz")
    {
        endpoints.MapHealthChecks(pattern + "/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        endpoints.MapHealthChecks(pattern + "/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteHealthAsync });
        return endpoints.MapGet(pattern, async (IStorage storage, IEnumerable<IHealthReporter> reporters, CancellationToken cancellationToken) =>
        {
            var ready = await storage.IsReadyAsync(cancellationToken).ConfigureAwait(false);
            var body = new JsonObject { ["status"] = ready ? "ok" : "degraded", ["live"] = true, ["storage"] = ready ? "ready" : "unavailable" };
            foreach (var reporter in reporters)
            {
                body[reporter.Name] = reporter.Describe();
            }

            return Results.Json(body, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }

    /// <summary>The overall status and each check's status and fixed description (never report content).</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var checks = new JsonObject();
        foreach (var (name, entry) in report.Entries)
        {
            // A check that threw gets ASP.NET Core's exception message as its description, which can name hosts or
            // users: the endpoint is public, so it says only that the check failed.
            var description = entry.Exception is null ? entry.Description : "The check failed (the log has the reason).";
            checks[name] = new JsonObject { ["status"] = entry.Status.ToString(), ["description"] = description };
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["status"] = report.Status.ToString(), ["checks"] = checks }.ToJsonString());
    }

    private static string ContentRoot(IServiceProvider services) =>
        services.GetService<IWebHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory;

    private static IStorage CreateStorage(IServiceProvider services)
    {
        var provider = services.GetRequiredKeyedService<IStorage>(StorageProviderKey);
        // Everything is encrypted; memory storage (tests) with keys that live and die with the process.
        var inMemory = services.GetRequiredService<IOptions<StorageOptions>>().Value.Is("Memory");
        var protection = inMemory ? new EphemeralDataProtectionProvider() : services.GetRequiredService<IDataProtectionProvider>();
        return new HealthTrackingStorage(new ProtectedStorage(provider, protection));
    }

    private static IStorage CreateProviderStorage(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Provider.Trim().ToUpperInvariant() switch
        {
            "MEMORY" => new MemoryStorage(),
            "SQLITE" => new SqliteStorage(options.ResolveSqlitePath(ContentRoot(services))),
            "POSTGRES" => string.IsNullOrWhiteSpace(options.PostgresEntraClientId)
                ? new PostgresStorage(options.PostgresConnectionString!)
                : PostgresStorage.WithEntraTokens(
                    options.PostgresConnectionString!,
                    services.GetKeyedService<TokenCredential>(PostgresCredentialKey)
                        ?? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.PostgresEntraClientId.Trim()))),
            _ => throw new InvalidOperationException($"Storage:Provider '{options.Provider}' is not known; use Sqlite, Postgres or Memory."),
        };
    }
}
