using System.Globalization;
using System.Text.RegularExpressions;

namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// Reads a date and/or a time from British English text:
/// "today", "yesterday", "tomorrow", "the day before yesterday", "last night", "this morning", weekday names
/// ("on Monday", "last Friday", "next Tuesday"), ISO "2026-03-14", day-first "14/03/2026", "14/3/26", "14/3",
/// "14 March", "14th March 2026", "March 14th", "on the 14th", times "3pm", "3:15 pm", "3.15pm", "15:30",
/// "noon"/"midday", "midnight", "just now", and combinations ("yesterday at 3pm", "14/03/2026 15:30").
/// <para>
/// Dates without a year, "the 14th" and bare weekday names are resolved towards the past by default ("Monday" is the
/// most recent Monday, today if today is Monday) because staff usually report what already happened.
/// Text with two different dates or times, an impossible date ("31/02/2026"), or an hour without am/pm
/// ("at 3") is not recognised, so the caller asks again rather than guess.
/// </para>
/// "Now" comes from the <see cref="TimeProvider"/>, in the given time zone (default: the provider's local zone).
/// </summary>
public sealed partial class DateTimeRecognizer
{
    private const string MonthPattern =
        "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    private const string WeekdayPattern = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4,
        ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8, ["september"] = 9,
        ["sept"] = 9, ["sep"] = 9, ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    };

    private readonly TimeProvider _timeProvider;
    private readonly TimeZoneInfo? _timeZone;

    public DateTimeRecognizer(TimeProvider? timeProvider = null, TimeZoneInfo? timeZone = null, bool preferPast = true)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _timeZone = timeZone;
        PreferPast = preferPast;
    }

    /// <summary>True (the default) to read "Monday", "14 March" and "the 14th" as the latest such day on or before today; false for the next one on or after today.</summary>
    public bool PreferPast { get; }

    /// <summary>The current local date and time the recognizer works from.</summary>
    public DateTime GetLocalNow() => TimeZoneInfo.ConvertTime(_timeProvider.GetUtcNow(), _timeZone ?? _timeProvider.LocalTimeZone).DateTime;

    /// <summary>The date and/or time in <paramref name="text"/>, relative to now; null when there is none or it is unclear.</summary>
    public DateTimeResolution? Recognize(string? text) => Recognize(text, GetLocalNow(), PreferPast);

    /// <summary>The date and/or time in <paramref name="text"/>, relative to <paramref name="now"/> (local time); null when there is none or it is unclear.</summary>
    public static DateTimeResolution? Recognize(string? text, DateTime now, bool preferPast = true)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        var scan = new Scan(normalized, now, preferPast);

        scan.Apply(IsoDate(), m =>
            scan.AddDate(Int(m, 1), Int(m, 2), Int(m, 3))
            && (!m.Groups[4].Success || scan.AddTime(Int(m, 4), Int(m, 5), m.Groups[6].Success ? Int(m, 6) : 0)));
        scan.Apply(NumericDate(), m => scan.AddDate(Year(m.Groups[4].Value), Int(m, 3), Int(m, 1)));
        scan.Apply(TwelveHourTime(), m => scan.AddTwelveHourTime(Int(m, 1), m.Groups[2].Success ? Int(m, 2) : 0, m.Groups[3].Value == "pm"));
        scan.Apply(TwentyFourHourTime(), m => scan.AddTime(Int(m, 1), Int(m, 2), 0));
        scan.Apply(DottedTwentyFourHourTime(), m => scan.AddTime(Int(m, 1), Int(m, 2), 0));
        scan.Apply(DayMonth(), m => scan.AddDayMonth(Int(m, 1), Months[m.Groups[2].Value], m.Groups[3].Success ? Int(m, 3) : null));
        scan.Apply(MonthDay(), m => scan.AddDayMonth(Int(m, 2), Months[m.Groups[1].Value], m.Groups[3].Success ? Int(m, 3) : null));
        scan.Apply(ShortNumericDate(), m => scan.AddDayMonth(Int(m, 1), Int(m, 2), null));
        scan.Apply(OrdinalDay(), m => scan.AddDayOfMonth(Int(m, 1)));
        scan.Apply(DayBeforeYesterday(), _ => scan.AddRelativeDay(-2));
        scan.Apply(LastNight(), _ => scan.AddRelativeDay(-1, PartOfDay.Evening));
        scan.Apply(Tonight(), _ => scan.AddRelativeDay(0, PartOfDay.Evening));
        scan.Apply(ThisPartOfDay(), m => scan.AddRelativeDay(0, ParsePartOfDay(m.Groups[1].Value)));
        scan.Apply(RelativeDay(), m => scan.AddRelativeDay(m.Groups[1].Value switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 }));
        scan.Apply(JustNow(), _ => scan.AddNow());
        if (scan.Text.Trim() == "now")
        {
            scan.Apply(Now(), _ => scan.AddNow());
        }

        scan.Apply(Weekday(), m => scan.AddWeekday(m.Groups[1].Value, m.Groups[2].Value));
        scan.Apply(NamedTime(), m => scan.AddTime(m.Groups[1].Value is "midnight" ? 0 : 12, 0, 0));
        scan.Apply(PartOfDayWord(), m => scan.AddPart(ParsePartOfDay(m.Groups[1].Value)));

        // An hour without am/pm ("at 3", "3 o'clock") is a guess either way: ask again instead.
        scan.Apply(AmbiguousHour(), _ => false);

        return scan.Result();
    }

    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var normalized = TextNormalizer.Normalize(AmPm().Replace(text, "$1m"), keep: "/-:.");

        // Dots and dashes matter only between digits ("3.15pm", "14-03-2026"); elsewhere they are punctuation.
        normalized = StrayPunctuation().Replace(normalized, " ");
        return MultipleSpaces().Replace(normalized, " ").Trim();
    }

    private static int Int(Match match, int group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Year(string digits)
    {
        var year = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return digits.Length == 2 ? 2000 + year : year;
    }

    private static PartOfDay ParsePartOfDay(string word) => word switch
    {
        "morning" => PartOfDay.Morning,
        "afternoon" => PartOfDay.Afternoon,
        "evening" => PartOfDay.Evening,
        _ => PartOfDay.Night,
    };

    /// <summary>The text still to be read, and what has been read from it so far.</summary>
    private sealed class Scan(string text, DateTime now, bool preferPast)
    {
        private readonly HashSet<DateOnly> _dates = [];
        private readonly HashSet<TimeOnly> _times = [];
        private readonly HashSet<PartOfDay> _parts = [];
        private readonly DateOnly _today = DateOnly.FromDateTime(now);
        private bool _invalid;

        public string Text { get; private set; } = text;

        /// <summary>Runs <paramref name="handle"/> on every match and blanks the matched text out; a false from it spoils the whole result.</summary>
        public void Apply(Regex regex, Func<Match, bool> handle)
        {
            var matches = regex.Matches(Text);
            if (matches.Count == 0)
            {
                return;
            }

            var chars = Text.ToCharArray();
            foreach (Match match in matches)
            {
                if (!handle(match))
                {
                    _invalid = true;
                }

                Array.Fill(chars, ' ', match.Index, match.Length);
            }

            Text = new string(chars);
        }

        public bool AddDate(int year, int month, int day)
        {
            if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            _dates.Add(new DateOnly(year, month, day));
            return true;
        }

        public bool AddDayMonth(int day, int month, int? year)
        {
            if (year is { } explicitYear)
            {
                return AddDate(explicitYear, month, day);
            }

            if (month is < 1 or > 12 || day < 1 || day > 31)
            {
                return false;
            }

            var chosen = _today.Year;
            if (IsValid(chosen, month, day))
            {
                var candidate = new DateOnly(chosen, month, day);
                if (preferPast && candidate > _today)
                {
                    chosen--;
                }
                else if (!preferPast && candidate < _today)
                {
                    chosen++;
                }
            }

            return AddDate(chosen, month, day);
        }

        public bool AddDayOfMonth(int day)
        {
            if (day is < 1 or > 31)
            {
                return false;
            }

            var month = new DateOnly(_today.Year, _today.Month, 1);
            if (preferPast && day > _today.Day)
            {
                month = month.AddMonths(-1);
            }
            else if (!preferPast && day < _today.Day)
            {
                month = month.AddMonths(1);
            }

            return AddDate(month.Year, month.Month, day);
        }

        public bool AddRelativeDay(int days, PartOfDay? part = null)
        {
            _dates.Add(_today.AddDays(days));
            if (part is { } p)
            {
                _parts.Add(p);
            }

            return true;
        }

        public bool AddNow()
        {
            _dates.Add(_today);
            _times.Add(new TimeOnly(now.Hour, now.Minute));
            return true;
        }

        public bool AddWeekday(string modifier, string name)
        {
            var target = Enum.Parse<DayOfWeek>(name, ignoreCase: true);
            var back = ((int)_today.DayOfWeek - (int)target + 7) % 7;
            var ahead = ((int)target - (int)_today.DayOfWeek + 7) % 7;
            var offset = modifier switch
            {
                "last" => -(back == 0 ? 7 : back),
                "next" => ahead == 0 ? 7 : ahead,
                _ => preferPast ? -back : ahead,
            };
            _dates.Add(_today.AddDays(offset));
            return true;
        }

        public bool AddTwelveHourTime(int hour, int minute, bool pm)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            var hour24 = (hour % 12) + (pm ? 12 : 0);
            return AddTime(hour24, minute, 0);
        }

        public bool AddTime(int hour, int minute, int second)
        {
            if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            {
                return false;
            }

            _times.Add(new TimeOnly(hour, minute, second));
            return true;
        }

        public bool AddPart(PartOfDay part)
        {
            _parts.Add(part);
            return true;
        }

        public DateTimeResolution? Result()
        {
            if (_invalid || _dates.Count > 1 || _times.Count > 1 || (_dates.Count == 0 && _times.Count == 0))
            {
                return null;
            }

            return new DateTimeResolution
            {
                Date = _dates.Count == 1 ? _dates.First() : null,
                Time = _times.Count == 1 ? _times.First() : null,
                PartOfDay = _parts.Count == 1 ? _parts.First() : null,
            };
        }

        private static bool IsValid(int year, int month, int day) => day <= DateTime.DaysInMonth(year, month);
    }

    [GeneratedRegex(@"\b([ap])\.\s?m\b\.?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AmPm();

    [GeneratedRegex(@"(?<!\d)[.\-]|[.\-](?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex StrayPunctuation();

    [GeneratedRegex(@"\s{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex MultipleSpaces();

    [GeneratedRegex(@"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:t(\d{1,2}):(\d{2})(?::(\d{2}))?)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(\d{1,2})(?:[:.](\d{2}))?\s?(am|pm)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TwelveHourTime();

    [GeneratedRegex(@"\b(\d{1,2}):(\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex TwentyFourHourTime();

    [GeneratedRegex(@"\bat (\d{1,2})\.(\d{2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DottedTwentyFourHourTime();

    [GeneratedRegex(@"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + MonthPattern + @")\b(?:\s+(\d{4})\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(" + MonthPattern + @")\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?:\s+(\d{4})\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(\d{1,2})/(\d{1,2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShortNumericDate();

    [GeneratedRegex(@"\b(?:the|on)\s+(\d{1,2})(?:st|nd|rd|th)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalDay();

    [GeneratedRegex(@"\bthe\s+day\s+before\s+yesterday\b", RegexOptions.CultureInvariant)]
    private static partial Regex DayBeforeYesterday();

    [GeneratedRegex(@"\blast\s+night\b", RegexOptions.CultureInvariant)]
    private static partial Regex LastNight();

    [GeneratedRegex(@"\btonight\b", RegexOptions.CultureInvariant)]
    private static partial Regex Tonight();

    [GeneratedRegex(@"\bthis\s+(morning|afternoon|evening)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ThisPartOfDay();

    [GeneratedRegex(@"\b(today|yesterday|tomorrow)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeDay();

    [GeneratedRegex(@"\b(?:just|right)\s+now\b", RegexOptions.CultureInvariant)]
    private static partial Regex JustNow();

    [GeneratedRegex(@"\bnow\b", RegexOptions.CultureInvariant)]
    private static partial Regex Now();

    [GeneratedRegex(@"\b(?:(last|this|next|on)\s+)?(" + WeekdayPattern + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"\b(noon|midday|midnight)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedTime();

    [GeneratedRegex(@"\b(morning|afternoon|evening|night|overnight)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PartOfDayWord();

    [GeneratedRegex(@"\b(?:at\s+\d{1,2}|\d{1,2}\s*oclock)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AmbiguousHour();
}
