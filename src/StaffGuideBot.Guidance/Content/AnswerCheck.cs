namespace StaffGuideBot.Guidance.Content;

/// <summary>A cross-check of the answers: when <see cref="When"/> holds, the answers conflict and the reporter is asked to check.</summary>
public sealed class AnswerCheck
{
    public required string Id { get; init; }

    /// <summary>The note shown on the review (with an Edit button to <see cref="Step"/>) and on the DSL's card.</summary>
    public required string Note { get; init; }

    public required string Step { get; init; }

    public required Condition When { get; init; }
}
