namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A sent report, whether its destination is set up (false: it waits in the outbox, and the receipt says what to do
/// meanwhile), and whether it was sent outside school hours (the receipt then says who to phone now).
/// </summary>
public sealed record Submission(Report Report, bool DestinationReady, bool OutOfHours = false);
