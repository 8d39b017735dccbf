namespace StaffGuideBot.Guidance.Content;

/// <summary>An answer "@StaffGuideBot trends" counts (decisions.yaml <c>trends</c>): a question with choices, or a text question counted only by <see cref="Names"/>.</summary>
public sealed record Trend
{
    public required string Id { get; init; }

    public IReadOnlyList<string> Names { get; init; } = [];
}
