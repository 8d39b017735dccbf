namespace StaffGuideBot.Guidance.Reports;

/// <summary>A sent report, and whether its destination is set up (false: it waits in the outbox, and the receipt says what to do meanwhile).</summary>
public sealed record Submission(Report Report, bool DestinationReady);
