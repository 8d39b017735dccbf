using Microsoft.Extensions.Diagnostics.HealthChecks;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Ready only while the store can be read and written (<c>GET /healthz/ready</c> answers 503 otherwise).</summary>
public sealed class StorageHealthCheck(IStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await storage.IsReadyAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("Storage can be read and written.")
            : HealthCheckResult.Unhealthy("Storage can't be written: answers and reports can't be saved.");
}
