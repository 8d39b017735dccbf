using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Hands a stored report to the DSL team. The DSL channel (issue 4) implements delivery; until then the hand-off is recorded.</summary>
public interface IDslEscalation
{
    Task HandOffAsync(Report report, CancellationToken cancellationToken = default);
}

/// <summary>Records that a report is waiting for delivery to the DSL channel (an outbox entry for the channel delivery to pick up).</summary>
public sealed class RecordedDslEscalation(IStorage storage, TimeProvider clock) : IDslEscalation
{
    public Task HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var entry = new JsonObject
        {
            ["reference"] = report.Reference,
            ["handedOffAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["delivered"] = false,
        };
        return storage.WriteAsync(new Dictionary<string, StoreItem> { [$"outbox/{report.Reference}"] = new StoreItem(entry) }, cancellationToken);
    }
}
