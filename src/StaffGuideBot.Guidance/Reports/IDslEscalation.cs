namespace StaffGuideBot.Guidance.Reports;

/// <summary>Hands a stored report to the DSL team, or to the allegations channel when it is an allegation.</summary>
public interface IDslEscalation
{
    /// <summary>
    /// What queues a new report, written nowhere yet: the items to store in the same write as the report (so a report is
    /// never stored without being queued), and what to do once they are stored.
    /// </summary>
    Task<HandOff> PrepareAsync(Report report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a report stored before (sent again after its turn could not be saved): safe to repeat. True when its
    /// destination is set up so it can go now, false when it waits in the outbox for one.
    /// </summary>
    Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default);
}
