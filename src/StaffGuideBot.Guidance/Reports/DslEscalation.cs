using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Hands a stored report to the DSL team.</summary>
public interface IDslEscalation
{
    Task HandOffAsync(Report report, CancellationToken cancellationToken = default);
}

/// <summary>
/// Queues a stored report for the DSL channel: into the outbox, then its case (awaiting delivery, with the urgency of
/// its answers), then wakes <see cref="DslDelivery"/>. Nothing waits for Teams, so the reporter's turn is never held
/// up by retries. Safe to repeat; a hand-off cut short is completed by the delivery service from the outbox.
/// </summary>
public sealed class OutboxDslEscalation(DslOutbox outbox, CaseStore cases, DslDelivery delivery, ContentLibrary content, TimeProvider clock) : IDslEscalation
{
    public async Task HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await outbox.AddAsync(report.Reference, report.SubmittedAt, cancellationToken);
        var pack = await content.ForAsync(report.ContentVersion, cancellationToken);
        await cases.CreateAsync(DslDelivery.NewCase(report, pack, clock.GetUtcNow()), cancellationToken);
        delivery.Wake();
    }
}

/// <summary>Only records that a report is waiting (<c>outbox/{reference}</c>), delivering nothing: for tests of the flow alone.</summary>
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
        return storage.WriteAsync(new Dictionary<string, StoreItem> { [$"outbox/{report.Reference}"] = new StoreItem(entry, StoreItem.CreateOnly) }, cancellationToken);
    }
}
