namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// A date and/or time the user gave. At least one of <see cref="Date"/> and <see cref="Time"/> is set:
/// "3pm" has only a time, "yesterday" only a date, "yesterday at 3pm" both.
/// </summary>
public sealed record DateTimeResolution
{
    public DateOnly? Date { get; init; }

    public TimeOnly? Time { get; init; }

    /// <summary>A rough time of day when one was said ("last night", "Monday morning"); informational.</summary>
    public PartOfDay? PartOfDay { get; init; }

    /// <summary>The date and time together, when both are known.</summary>
    public DateTime? ToDateTime() => Date is { } date && Time is { } time ? date.ToDateTime(time) : null;
}
