namespace StaffGuideBot.Guidance.Content;

public sealed record ChoiceOption(string Value, string Title)
{
    public IReadOnlyList<string> Synonyms { get; init; } = [];

    /// <summary>In a multichoice question, an answer that can't be chosen with another ("None known").</summary>
    public bool Exclusive { get; init; }
}
