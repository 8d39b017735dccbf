namespace StaffGuideBot.Guidance.Content;

public enum StepType
{
    Info,
    Acknowledge,
    Question,
    Form,
    Repeat,
    Review,
}
