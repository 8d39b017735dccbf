using System.Globalization;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>Times as a member of staff in the UK reads them ("today at 10:42", "yesterday at 16:05", "on Friday 20 November at 09:10").</summary>
public static class UkTime
{
    private static readonly CultureInfo EnglishUk = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone { get; } = FindZone();

    public static string Describe(DateTimeOffset moment, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = local.ToString("HH:mm", EnglishUk);
        return day == today ? $"today at {time}"
            : day == today.AddDays(-1) ? $"yesterday at {time}"
            : $"on {local.ToString("dddd d MMMM", EnglishUk)} at {time}";
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
