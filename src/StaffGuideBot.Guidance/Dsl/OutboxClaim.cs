namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Who is delivering a report, and until when the claim holds if they stop without letting it go.</summary>
public sealed class OutboxClaim
{
    public required string By { get; init; }

    public required DateTimeOffset Until { get; init; }
}
