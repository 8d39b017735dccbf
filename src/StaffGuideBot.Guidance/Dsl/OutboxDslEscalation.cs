using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Queues a stored report for the DSL channel (an allegation for the allegations channel): into the outbox, then its
/// case (awaiting delivery, with the urgency of its answers), then wakes <see cref="DslDelivery"/>. Nothing waits for Teams, so the reporter's turn is never held
/// up by retries. Safe to repeat; a hand-off cut short is completed by the delivery service from the outbox.
/// </summary>
public sealed class OutboxDslEscalation(DslOutbox outbox, CaseStore cases, DslDelivery delivery, DslChannelProvider channel, ContentLibrary content, TimeProvider clock) : IDslEscalation
{
    public async Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await outbox.AddAsync(report.Reference, report.SubmittedAt, cancellationToken);
        var pack = await content.ForAsync(report.ContentVersion, cancellationToken);
        await cases.CreateAsync(DslDelivery.NewCase(report, pack, clock.GetUtcNow()), cancellationToken);
        delivery.Wake();
        return channel.For(report.Allegation).CanPost;
    }
}
