namespace StaffGuideBot.Guidance.Reports;

/// <summary>Who sent a report, as Teams identifies them, and where to reach them again.</summary>
public sealed class Reporter
{
    public string? Name { get; init; }

    public string? AadObjectId { get; init; }

    public required string UserId { get; init; }

    public required string ConversationId { get; init; }

    public required string ServiceUrl { get; init; }

    public string? TenantId { get; init; }
}
