namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>A rough time of day.</summary>
public enum PartOfDay
{
    Morning,
    Afternoon,
    Evening,
    Night,
}
