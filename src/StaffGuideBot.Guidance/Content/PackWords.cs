namespace StaffGuideBot.Guidance.Content;

/// <summary>What staff may type instead of pressing a button (pack.yaml's <c>words</c>; pack.schema.json says what each list means).</summary>
public sealed record PackWords
{
    public IReadOnlyList<string> Menu { get; init; } = [];

    public IReadOnlyList<string> Continue { get; init; } = [];

    public IReadOnlyList<string> Skip { get; init; } = [];

    public IReadOnlyList<string> Send { get; init; } = [];

    public IReadOnlyList<string> Unsure { get; init; } = [];

    public IReadOnlyList<string> Cancel { get; init; } = [];

    public IReadOnlyList<string> StartAgain { get; init; } = [];

    public IReadOnlyList<string> Polite { get; init; } = [];
}
