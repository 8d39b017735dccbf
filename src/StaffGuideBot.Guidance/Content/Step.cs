namespace StaffGuideBot.Guidance.Content;

/// <summary>One step of the report flow. Which members apply depends on <see cref="Type"/>: flow.schema.json describes each.</summary>
public sealed class Step
{
    public required string Id { get; init; }

    public required StepType Type { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    public string? More { get; init; }

    public IReadOnlyList<string> Contacts { get; init; } = [];

    public string? Style { get; init; }

    public string? Continue { get; init; }

    public IReadOnlyList<string> Points { get; init; } = [];

    public string? Confirm { get; init; }

    public Question? Question { get; init; }

    public IReadOnlyList<Question> Fields { get; init; } = [];

    public string? Intro { get; init; }

    public string? Submit { get; init; }

    public string? ItemName { get; init; }

    /// <summary>Repeat: the label of the item card's button that saves the item and opens an empty form for the next.</summary>
    public string? AddAnother { get; init; }

    public int Max { get; init; } = 10;

    /// <summary>Shown only when this holds; null = always. Set by the loader (its setter is internal).</summary>
    public Condition? ShowIf { get; internal set; }

    public IEnumerable<Question> Questions => Question is null ? Fields : [Question];
}
