namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// When the school's DSL channel is read (configuration <c>Dsl:SchoolHours</c>, UK time): outside these hours a
/// reporter's receipt says who to phone now, because the channel may not be read until the next school day. Term dates
/// and bank holidays are not known: a school day in the holidays counts as open.
/// </summary>
public sealed class SchoolHours
{
    /// <summary>The school days; null means Monday to Friday.</summary>
    public DayOfWeek[]? Days { get; set; }

    public TimeOnly Start { get; set; } = new(8, 0);

    public TimeOnly End { get; set; } = new(17, 0);

    /// <summary>True when <paramref name="moment"/> is on a school day between <see cref="Start"/> and <see cref="End"/>, UK time.</summary>
    public bool IsOpen(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, UkTime.Zone);
        var days = Days ?? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        var time = TimeOnly.FromDateTime(local.DateTime);
        return days.Contains(local.DayOfWeek) && time >= Start && time < End;
    }
}
