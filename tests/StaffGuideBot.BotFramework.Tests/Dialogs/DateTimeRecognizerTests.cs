using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class DateTimeRecognizerTests
{
    // Wednesday 18 March 2026, 10:30 (UTC; the recognizer's zone is the provider's local zone).
    private static readonly DateTimeOffset Now = new(2026, 3, 18, 10, 30, 0, TimeSpan.Zero);
    private readonly DateTimeRecognizer _recognizer = new(new FakeTimeProvider(Now));

    [Theory]
    [InlineData("today", "2026-03-18")]
    [InlineData("Today.", "2026-03-18")]
    [InlineData("yesterday", "2026-03-17")]
    [InlineData("YESTERDAY", "2026-03-17")]
    [InlineData("tomorrow", "2026-03-19")]
    [InlineData("the day before yesterday", "2026-03-16")]
    [InlineData("on Monday", "2026-03-16")]
    [InlineData("monday", "2026-03-16")]
    [InlineData("Wednesday", "2026-03-18")]
    [InlineData("on Thursday", "2026-03-12")]
    [InlineData("Sunday", "2026-03-15")]
    [InlineData("last Wednesday", "2026-03-11")]
    [InlineData("last Monday", "2026-03-16")]
    [InlineData("next Monday", "2026-03-23")]
    [InlineData("2026-03-14", "2026-03-14")]
    [InlineData("14/03/2026", "2026-03-14")]
    [InlineData("14/3/26", "2026-03-14")]
    [InlineData("14.03.2026", "2026-03-14")]
    [InlineData("14-03-2026", "2026-03-14")]
    [InlineData("1/2/2025", "2025-02-01")]
    [InlineData("14/3", "2026-03-14")]
    [InlineData("14 March", "2026-03-14")]
    [InlineData("14 march", "2026-03-14")]
    [InlineData("14th March 2026", "2026-03-14")]
    [InlineData("14th of March", "2026-03-14")]
    [InlineData("March 14th", "2026-03-14")]
    [InlineData("March 14th, 2026", "2026-03-14")]
    [InlineData("14 Mar", "2026-03-14")]
    [InlineData("3 Sept 2025", "2025-09-03")]
    [InlineData("on the 14th", "2026-03-14")]
    [InlineData("It happened on Monday in the playground", "2026-03-16")]
    public void Reads_dates(string text, string expected)
    {
        var result = _recognizer.Recognize(text);

        Assert.NotNull(result);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Date);
        Assert.Null(result.Time);
    }

    [Theory]
    [InlineData("25 December", "2025-12-25")] // no year and later in the year than today: last year's
    [InlineData("20 March", "2025-03-20")]
    [InlineData("on the 20th", "2026-02-20")] // later in the month than today: last month's
    public void Dates_without_a_year_or_month_lean_to_the_past(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), _recognizer.Recognize(text)?.Date);

    [Fact]
    public void Looking_forward_can_be_chosen()
    {
        var forward = new DateTimeRecognizer(new FakeTimeProvider(Now), preferPast: false);

        Assert.Equal(new DateOnly(2026, 3, 23), forward.Recognize("Monday")?.Date);
        Assert.Equal(new DateOnly(2026, 3, 18), forward.Recognize("Wednesday")?.Date);
        Assert.Equal(new DateOnly(2027, 3, 14), forward.Recognize("14 March")?.Date);
    }

    [Theory]
    [InlineData("3pm", "15:00")]
    [InlineData("3 pm", "15:00")]
    [InlineData("3PM", "15:00")]
    [InlineData("3 p.m.", "15:00")]
    [InlineData("3:15 pm", "15:15")]
    [InlineData("3:15pm", "15:15")]
    [InlineData("3.15pm", "15:15")]
    [InlineData("9am", "09:00")]
    [InlineData("12am", "00:00")]
    [InlineData("12pm", "12:00")]
    [InlineData("15:30", "15:30")]
    [InlineData("at 09:05", "09:05")]
    [InlineData("at 15.30", "15:30")]
    [InlineData("noon", "12:00")]
    [InlineData("midday", "12:00")]
    [InlineData("12 noon", "12:00")]
    [InlineData("midnight", "00:00")]
    public void Reads_times_alone(string text, string expected)
    {
        var result = _recognizer.Recognize(text);

        Assert.NotNull(result);
        Assert.Null(result.Date);
        Assert.Equal(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Time);
    }

    [Theory]
    [InlineData("yesterday at 3pm", "2026-03-17", "15:00")]
    [InlineData("Yesterday, at 3:15 p.m.", "2026-03-17", "15:15")]
    [InlineData("14/03/2026 15:30", "2026-03-14", "15:30")]
    [InlineData("2026-03-14T15:30", "2026-03-14", "15:30")]
    [InlineData("on Monday at noon", "2026-03-16", "12:00")]
    [InlineData("3pm on 14 March", "2026-03-14", "15:00")]
    [InlineData("14th March 2026 at 9.45am", "2026-03-14", "09:45")]
    [InlineData("today at midday", "2026-03-18", "12:00")]
    [InlineData("just now", "2026-03-18", "10:30")]
    [InlineData("now", "2026-03-18", "10:30")]
    public void Reads_dates_with_times(string text, string date, string time)
    {
        var result = _recognizer.Recognize(text);

        Assert.NotNull(result);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), result.Date);
        Assert.Equal(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture), result.Time);
        Assert.Equal(result.Date!.Value.ToDateTime(result.Time!.Value), result.ToDateTime());
    }

    [Theory]
    [InlineData("last night", "2026-03-17", PartOfDay.Evening)]
    [InlineData("Last night.", "2026-03-17", PartOfDay.Evening)]
    [InlineData("this morning", "2026-03-18", PartOfDay.Morning)]
    [InlineData("yesterday afternoon", "2026-03-17", PartOfDay.Afternoon)]
    [InlineData("Monday morning", "2026-03-16", PartOfDay.Morning)]
    [InlineData("tonight", "2026-03-18", PartOfDay.Evening)]
    public void Reads_parts_of_the_day(string text, string date, PartOfDay part)
    {
        var result = _recognizer.Recognize(text);

        Assert.NotNull(result);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), result.Date);
        Assert.Null(result.Time);
        Assert.Equal(part, result.PartOfDay);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("I don't know")]
    [InlineData("a while ago")]
    [InlineData("14")]
    [InlineData("March")]
    [InlineData("I may have seen him")]
    [InlineData("the morning")] // a part of the day is not a date
    [InlineData("31/02/2026")] // no such day
    [InlineData("03/14/2026")] // month-first is not UK
    [InlineData("13pm")]
    [InlineData("25:00")]
    [InlineData("yesterday or today")]
    [InlineData("Monday or Tuesday")]
    [InlineData("between 3pm and 4pm")]
    [InlineData("yesterday at 3")] // am or pm?
    [InlineData("3 o'clock")]
    public void Does_not_read_missing_impossible_or_unclear_dates(string? text) => Assert.Null(_recognizer.Recognize(text));

    [Fact]
    public void Today_is_taken_in_the_chosen_time_zone()
    {
        // 23:30 UTC on 30 June is already 1 July in a UTC+1 zone (British Summer Time).
        var lateEvening = new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero);
        var bst = TimeZoneInfo.CreateCustomTimeZone("Test BST", TimeSpan.FromHours(1), "Test BST", "Test BST");
        var inBst = new FakeTimeProvider(lateEvening);
        inBst.SetLocalTimeZone(bst);

        Assert.Equal(new DateOnly(2026, 7, 1), new DateTimeRecognizer(new FakeTimeProvider(lateEvening), bst).Recognize("today")?.Date);
        Assert.Equal(new DateOnly(2026, 7, 1), new DateTimeRecognizer(inBst).Recognize("today")?.Date);
        Assert.Equal(new DateOnly(2026, 6, 30), new DateTimeRecognizer(new FakeTimeProvider(lateEvening)).Recognize("today")?.Date);
    }

    [Fact]
    public void The_static_form_is_a_pure_function_of_its_inputs()
    {
        var reference = new DateTime(2024, 2, 29, 8, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal(new DateOnly(2024, 2, 28), DateTimeRecognizer.Recognize("yesterday", reference)?.Date);
        Assert.Equal(new DateOnly(2024, 2, 26), DateTimeRecognizer.Recognize("Monday", reference)?.Date);
    }
}
