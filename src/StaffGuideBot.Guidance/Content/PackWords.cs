namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// What staff may type instead of pressing a button (pack.yaml, <c>words</c>; see dialogs/schema/pack.schema.json for
/// what each list means). The flow compares typed text with these after the protocol's text normaliser, so case,
/// apostrophes, punctuation and spacing do not matter.
/// </summary>
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
