namespace StaffGuideBot.Guidance.Content;

/// <summary>Which steps' answers go under "people involved" and "actions" in the record for the school's system (decisions.yaml <c>record</c>); every other step's go under the concern.</summary>
public sealed record RecordParts
{
    public IReadOnlyList<string> People { get; init; } = [];

    public IReadOnlyList<string> Actions { get; init; } = [];
}
