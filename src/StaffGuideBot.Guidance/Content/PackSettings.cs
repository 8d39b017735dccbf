namespace StaffGuideBot.Guidance.Content;

public sealed class PackSettings
{
    /// <summary>Minutes after which an unfinished draft gets a reminder.</summary>
    public int ReminderMinutes { get; init; } = 20;
}
