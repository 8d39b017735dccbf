namespace StaffGuideBot.Guidance.Content;

/// <summary>One step of the report flow. Which members apply depends on <see cref="Type"/> (see dialogs/README.md).</summary>
public sealed class Step
{
    public required string Id { get; init; }

    public required StepType Type { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    /// <summary>Info: extra detail behind a "More" button.</summary>
    public string? More { get; init; }

    /// <summary>Info: contact ids shown with their numbers.</summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>Info: "urgent" for a red heading.</summary>
    public string? Style { get; init; }

    /// <summary>Info: the continue button label.</summary>
    public string? Continue { get; init; }

    /// <summary>Acknowledge: the points of the warning.</summary>
    public IReadOnlyList<string> Points { get; init; } = [];

    /// <summary>Acknowledge: the button that must be pressed to go on.</summary>
    public string? Confirm { get; init; }

    /// <summary>Question: the one question.</summary>
    public Question? Question { get; init; }

    /// <summary>Form and repeat: the fields.</summary>
    public IReadOnlyList<Question> Fields { get; init; } = [];

    /// <summary>Form and repeat: introductory text.</summary>
    public string? Intro { get; init; }

    /// <summary>Form and repeat: the submit button label.</summary>
    public string? Submit { get; init; }

    /// <summary>Repeat: what one item is called ("child").</summary>
    public string? ItemName { get; init; }

    /// <summary>Repeat: the question asked after each item ("Is another child involved?").</summary>
    public string? AddAnother { get; init; }

    /// <summary>Repeat: the most items.</summary>
    public int Max { get; init; } = 10;

    /// <summary>Shown only when this holds; null = always. Set by the loader's condition reader (System.Text.Json leaves it: its setter is internal).</summary>
    public Condition? ShowIf { get; internal set; }

    /// <summary>The questions this step asks (the question, or the fields).</summary>
    public IEnumerable<Question> Questions => Question is null ? Fields : [Question];
}
