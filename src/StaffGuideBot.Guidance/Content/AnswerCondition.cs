namespace StaffGuideBot.Guidance.Content;

/// <summary>A test of one answer: a question id, or "repeatStep.field" (true when any item passes); exactly one test is set.</summary>
public sealed class AnswerCondition : Condition
{
    public required string Answer { get; init; }

    public string? Is { get; init; }

    public IReadOnlyList<string>? In { get; init; }

    public string? Contains { get; init; }

    public bool? Answered { get; init; }

    public decimal? LessThan { get; init; }

    public decimal? GreaterThan { get; init; }

    /// <summary>For a repeat step: true when any item passes this condition (its answers are the item's fields).</summary>
    public Condition? AnyItem { get; init; }
}
