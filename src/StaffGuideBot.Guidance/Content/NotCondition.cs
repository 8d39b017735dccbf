namespace StaffGuideBot.Guidance.Content;

public sealed class NotCondition(Condition condition) : Condition
{
    public Condition Condition { get; } = condition;
}
