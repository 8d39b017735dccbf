namespace StaffGuideBot.Guidance.Content;

/// <param name="ReminderMinutes">Minutes after which an unfinished draft gets a reminder.</param>
public sealed record PackSettings(int ReminderMinutes = 20);
