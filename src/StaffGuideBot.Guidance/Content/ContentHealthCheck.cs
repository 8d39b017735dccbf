using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Degraded (for <c>GET /healthz/ready</c>) while a content change is refused (the bot runs on the last good version)
/// or while the DSL's own phone number is still the sample, so staff are sent to the school office instead.
/// </summary>
public sealed class ContentHealthCheck(ContentLibrary library) : IHealthCheck
{
    /// <summary>The contact every urgent step shows.</summary>
    public const string DslContact = "dsl";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = library.Status;
        if (status.Pending is not null)
        {
            return Task.FromResult(HealthCheckResult.Degraded("A content change was refused; the last good version is live. Run content validate."));
        }

        return Task.FromResult(status.Live.Contacts.Find(DslContact) is { IsSample: true }
            ? HealthCheckResult.Degraded("The DSL's phone number in contacts.yaml is still a sample.")
            : HealthCheckResult.Healthy("The live content has no refused change and the DSL's number is filled in."));
    }
}
