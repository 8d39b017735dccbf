using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Support;

/// <summary>Only records that a report is waiting (<c>outbox/{reference}</c>), delivering nothing: for tests of the flow alone.</summary>
public sealed class RecordedDslEscalation(IStorage storage, TimeProvider clock) : IDslEscalation
{
    public async Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entry = new JsonObject
        {
            ["reference"] = report.Reference,
            ["submittedAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [$"outbox/{report.Reference}"] = new StoreItem(entry, StoreItem.CreateOnly) }, cancellationToken);
        return true;
    }
}
