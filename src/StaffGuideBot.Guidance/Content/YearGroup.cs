namespace StaffGuideBot.Guidance.Content;

public sealed class YearGroup
{
    public required string Value { get; init; }

    public required string Title { get; init; }

    public required int MinAge { get; init; }

    public required int MaxAge { get; init; }
}
