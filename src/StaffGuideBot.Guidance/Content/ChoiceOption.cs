namespace StaffGuideBot.Guidance.Content;

public sealed class ChoiceOption
{
    public required string Value { get; init; }

    public required string Title { get; init; }

    public IReadOnlyList<string> Synonyms { get; init; } = [];
}
