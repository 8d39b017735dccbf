namespace StaffGuideBot.Guidance.Reports;

/// <summary>Hands a stored report to the DSL team, or to the allegations channel when it is an allegation.</summary>
public interface IDslEscalation
{
    /// <summary>Queues the report; true when its destination is set up so it can go now, false when it waits in the outbox for one.</summary>
    Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default);
}
