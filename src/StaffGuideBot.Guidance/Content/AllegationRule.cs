namespace StaffGuideBot.Guidance.Content;

/// <summary>A report is an allegation about an adult who works with children when its answers meet <see cref="When"/>: it then goes to the allegations channel, never the DSL's.</summary>
public sealed record AllegationRule
{
    public required Condition When { get; init; }
}
