using Microsoft.Extensions.Options;

namespace StaffGuideBot.Hosting;

/// <summary>Checks <see cref="TelemetryOptions"/> at start-up; each problem names its key.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var prefix = TelemetryOptions.SectionName + ":";
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && !(Uri.TryCreate(options.OtlpEndpoint.Trim(), UriKind.Absolute, out var endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"{prefix}OtlpEndpoint must be an absolute http or https address (e.g. http://localhost:4317), or empty.");
        }

        if (Observability.ProtocolOf(options.OtlpProtocol) is null)
        {
            problems.Add($"{prefix}OtlpProtocol must be grpc or http/protobuf.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
