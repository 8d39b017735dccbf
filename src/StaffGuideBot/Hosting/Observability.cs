using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StaffGuideBot.BotFramework.Hosting;

namespace StaffGuideBot.Hosting;

/// <summary>
/// OpenTelemetry for the bot, on only where configured: to an OTLP collector (<see cref="TelemetryOptions.OtlpEndpoint"/>
/// or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and to Azure Monitor (Application Insights) when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, signing in with Entra ID (the managed identity that
/// <c>AZURE_CLIENT_ID</c> names, as infra/main.bicep sets; its Application Insights accepts nothing else).
/// <list type="bullet">
/// <item>Traces: ASP.NET Core requests (not <c>/healthz</c>), outgoing HTTP calls (to Teams, to sign in), and the bot's
/// own spans (<see cref="BotTelemetry"/>: a turn, tagged with fixed words). No headers, no bodies; an outgoing call's
/// address is cut to its host (the Bot Connector's paths name conversations and messages).</item>
/// <item>Metrics: the bot's meter (<see cref="Guidance.Reports.ReportMetrics"/>), ASP.NET Core, HttpClient and the runtime.</item>
/// <item>Logs: every log line, as the console has it (the same filters); none holds report content.</item>
/// </list>
/// With nothing configured, nothing of OpenTelemetry is registered: the bot runs exactly as without it. The console
/// log's format is ASP.NET Core's own setting, <c>Logging:Console:FormatterName</c> (<c>json</c> for one JSON object a line).
/// </summary>
public static class Observability
{
    /// <summary>Application Insights' standard setting (the template sets it); its presence turns Azure Monitor on.</summary>
    public const string AzureMonitorConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The OpenTelemetry SDK's standard setting for a collector, read by its exporter itself.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The key of a <see cref="TokenCredential"/> registered to send to Azure Monitor instead of the default (tests use it).</summary>
    public const string AzureMonitorCredentialKey = "StaffGuideBot.AzureMonitorCredential";

    /// <summary>Registers what configuration asks for (nothing when it asks for nothing); true when anything was.</summary>
    public static bool AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlpEndpoint = options.OtlpEndpoint.Trim();
        var otlp = otlpEndpoint.Length > 0 || !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);
        var azureMonitor = configuration[AzureMonitorConnectionStringKey] is { } connectionString && !string.IsNullOrWhiteSpace(connectionString) ? connectionString.Trim() : null;
        if (!otlp && azureMonitor is null)
        {
            return false;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(BotTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase))
                .AddHttpClientInstrumentation(http => http.EnrichWithHttpRequestMessage = (span, request) =>
                    // The Bot Connector's addresses carry conversation and message ids: only the host is kept.
                    span.SetTag("url.full", request.RequestUri is { IsAbsoluteUri: true } address ? address.GetLeftPart(UriPartial.Authority) + "/" : null)))
            .WithMetrics(metrics => metrics
                .AddMeter(BotTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime"))
            .WithLogging();

        if (otlpEndpoint.Length > 0)
        {
            // Invalid values are refused at start by the validator, with the setting named.
            if (Uri.TryCreate(otlpEndpoint, UriKind.Absolute, out var endpoint) && ProtocolOf(options.OtlpProtocol) is { } protocol)
            {
                telemetry.UseOtlpExporter(protocol, endpoint);
            }
        }
        else if (otlp)
        {
            // OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL, …: the exporter reads them itself.
            telemetry.UseOtlpExporter();
        }

        if (azureMonitor is not null)
        {
            services.AddOptions<AzureMonitorExporterOptions>().Configure<IServiceProvider>((azure, sp) =>
            {
                azure.ConnectionString = azureMonitor;
                // Local authentication is off in the template's Application Insights: only an Entra token is accepted.
                // DefaultAzureCredential uses the managed identity AZURE_CLIENT_ID names (or a developer's sign-in).
                azure.Credential = sp.GetKeyedService<TokenCredential>(AzureMonitorCredentialKey) ?? new DefaultAzureCredential();
                // Live Metrics would be a second channel with its own sampling of requests and exceptions: off, so what
                // leaves the bot is what the exporters above send.
                azure.EnableLiveMetrics = false;
            });
            telemetry.UseAzureMonitorExporter();
        }

        return true;
    }

    /// <summary>The OTLP protocol a setting names, or null when it names none.</summary>
    public static OtlpExportProtocol? ProtocolOf(string? setting) => setting?.Trim().ToUpperInvariant() switch
    {
        "GRPC" or null or "" => OtlpExportProtocol.Grpc,
        "HTTP/PROTOBUF" => OtlpExportProtocol.HttpProtobuf,
        _ => null,
    };
}
