namespace StaffGuideBot.Guidance.Content;

public sealed record ContentReload(ContentReloadOutcome Outcome, ContentStatus Status);
