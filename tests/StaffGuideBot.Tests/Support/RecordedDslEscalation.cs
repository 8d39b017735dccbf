using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Support;

/// <summary>Only records that a report is waiting (<c>outbox/{reference}</c>), delivering nothing: for tests of the flow alone.</summary>
public sealed class RecordedDslEscalation(IStorage storage, TimeProvider clock) : IDslEscalation
{
    public Task<HandOff> PrepareAsync(Report report, CancellationToken cancellationToken = default) =>
        Task.FromResult(new HandOff(Entry(report), () => true));

    public async Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.WriteAsync(Entry(report), cancellationToken);
        }
        catch (StorageConcurrencyException)
        {
            // Queued before.
        }

        return true;
    }

    private Dictionary<string, StoreItem> Entry(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entry = new JsonObject
        {
            ["reference"] = report.Reference,
            ["submittedAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        return new Dictionary<string, StoreItem> { [$"outbox/{report.Reference}"] = new StoreItem(entry, StoreItem.CreateOnly) };
    }
}
