namespace StaffGuideBot.Guidance.Content;

/// <summary>A refused change: its files' fingerprint, its errors, and when it was first seen.</summary>
public sealed record PendingContent(string Fingerprint, IReadOnlyList<ContentProblem> Problems, DateTimeOffset Since);
