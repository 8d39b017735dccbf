namespace StaffGuideBot.Hosting;

/// <summary>
/// Where the bot's traces, metrics and logs go (configuration section <c>Telemetry</c>; see <see cref="Observability"/>).
/// Nothing configured: nowhere but the console log, as before.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// An OpenTelemetry collector (OTLP), e.g. <c>http://localhost:4317</c>; empty for none. The standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>) works too.
    /// </summary>
    public string OtlpEndpoint { get; set; } = string.Empty;

    /// <summary>How to reach <see cref="OtlpEndpoint"/>: <c>grpc</c> (port 4317, the default) or <c>http/protobuf</c> (port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";
}
