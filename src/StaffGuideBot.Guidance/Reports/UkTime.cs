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

    /// <summary>A moment written out in full (time.full: "Wednesday 2 December 2026 at 10:42"), for a record that is read later.</summary>
    public static string Full(ContentPack pack, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var local = TimeZoneInfo.ConvertTime(moment, Zone);
        return pack.Text(TextKeys.TimeFull, new Dictionary<string, string>
        {
            ["clock"] = local.ToString("HH:mm", EnglishUk),
            ["date"] = local.ToString("dddd d MMMM yyyy", EnglishUk),
        });
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
