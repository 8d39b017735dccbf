namespace StaffGuideBot.Guidance.Content;

/// <summary>What is live, since when, and the problems of a newer change that was refused (null when none).</summary>
public sealed record ContentStatus(ContentPack Live, DateTimeOffset LoadedAt, PendingContent? Pending);
