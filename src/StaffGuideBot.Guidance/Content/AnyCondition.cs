namespace StaffGuideBot.Guidance.Content;

public sealed class AnyCondition(IReadOnlyList<Condition> conditions) : Condition
{
    public IReadOnlyList<Condition> Conditions { get; } = conditions;
}
