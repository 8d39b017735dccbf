namespace StaffGuideBot.Guidance.Content;

public sealed record ChoiceOption(string Value, string Title)
{
    public IReadOnlyList<string> Synonyms { get; init; } = [];
}
