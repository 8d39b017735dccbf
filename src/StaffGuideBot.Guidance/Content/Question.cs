namespace StaffGuideBot.Guidance.Content;

public sealed class Question
{
    public required string Id { get; init; }

    public required QuestionType Type { get; init; }

    public required string Label { get; init; }

    public bool Required { get; init; }

    /// <summary>Keep the words exactly as typed (e.g. what the child said).</summary>
    public bool Verbatim { get; init; }

    public string? Placeholder { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>YesNo: offer "unsure" as well as yes and no.</summary>
    public bool AllowUnsure { get; init; } = true;

    public IReadOnlyList<ChoiceOption> Choices { get; init; } = [];

    /// <summary>Asked only when this holds (on answers to earlier steps); null = always. Set by the loader (its setter is internal).</summary>
    public Condition? ShowIf { get; internal set; }
}
