namespace StaffGuideBot.Guidance.Content;

public sealed class AllCondition(IReadOnlyList<Condition> conditions) : Condition
{
    public IReadOnlyList<Condition> Conditions { get; } = conditions;
}
