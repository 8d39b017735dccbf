using System.Globalization;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Times in UK local time, worded by the pack (time.today / time.yesterday / time.earlier).</summary>
public static class UkTime
{
    private static readonly CultureInfo EnglishUk = CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone { get; } = FindZone();

    public static string Describe(ContentPack pack, DateTimeOffset moment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var local = TimeZoneInfo.ConvertTime(moment, Zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        var values = new Dictionary<string, string>
        {
            ["clock"] = local.ToString("HH:mm", EnglishUk),
            ["day"] = local.ToString("dddd d MMMM", EnglishUk),
        };
        var key = day == today ? TextKeys.TimeToday : day == today.AddDays(-1) ? TextKeys.TimeYesterday : TextKeys.TimeEarlier;
        return pack.Text(key, values);
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
