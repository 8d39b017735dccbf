using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Degraded (for <c>GET /healthz/ready</c>) while the oldest report still in the outbox has waited longer than
/// <see cref="DslOptions.DeliveryWarningAfter"/>: the point at which its reporter is told to phone the DSL.
/// </summary>
public sealed class DeliveryHealthCheck(DslOutbox outbox, IOptions<DslOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = await outbox.PendingAsync(cancellationToken).ConfigureAwait(false);
        var oldest = pending.Count == 0 ? null : await outbox.FindAsync(pending[0], cancellationToken).ConfigureAwait(false);
        return oldest is not null && clock.GetUtcNow() - oldest.SubmittedAt > options.Value.DeliveryWarningAfter
            ? HealthCheckResult.Degraded("A report has been waiting to reach its channel longer than Dsl:DeliveryWarningAfter.")
            : HealthCheckResult.Healthy("No report is waiting longer than Dsl:DeliveryWarningAfter.");
    }
}
