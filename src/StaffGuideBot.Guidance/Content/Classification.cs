namespace StaffGuideBot.Guidance.Content;

/// <summary>An optional classification the DSL may add to a decision (decisions.yaml), e.g. the Hackett continuum; <see cref="Choices"/> are texts.</summary>
public sealed record Classification
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<string> Choices { get; init; }
}
