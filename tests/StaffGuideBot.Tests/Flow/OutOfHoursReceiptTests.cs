using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Dsl;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// Outside the school's hours (Dsl:SchoolHours, UK time) the DSL channel may not be read until the morning, so the
/// reporter's receipt says who to phone now: the out-of-hours route of contacts.yaml (whenNoOneAnswers).
/// </summary>
public sealed class OutOfHoursReceiptTests
{
    private const string OutOfHours = "outside school hours, so the DSL may not see this until the school day starts.";

    [Theory]
    [InlineData("2026-11-20T10:00:00Z", false)] // a Friday morning
    [InlineData("2026-11-20T16:59:00Z", false)]
    [InlineData("2026-11-20T18:30:00Z", true)] // Friday evening
    [InlineData("2026-11-21T10:00:00Z", true)] // Saturday
    [InlineData("2026-11-23T07:30:00Z", true)] // Monday, before school
    [InlineData("2026-06-15T07:30:00Z", false)] // 08:30 in June (British Summer Time)
    public async Task The_receipt_says_who_to_phone_now_only_outside_school_hours(string sentAt, bool outOfHours)
    {
        await using var bot = new BotApplicationFactory { Clock = new FakeTimeProvider(DateTimeOffset.Parse(sentAt, System.Globalization.CultureInfo.InvariantCulture)) };
        var chat = new ChatDriver(bot.CreateClient());

        await DslTestData.SendWholeReportAsync(chat);

        var receipt = chat.LastText;
        Assert.Contains("Saved and on its way to the DSL", receipt, StringComparison.Ordinal);
        Assert.Equal(outOfHours, receipt.Contains(OutOfHours, StringComparison.Ordinal));
        Assert.Equal(outOfHours, receipt.Contains("out of hours (emergency duty team)", StringComparison.Ordinal) && receipt.Contains("(tel:101)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_school_sets_its_own_days_and_hours()
    {
        var hours = new SchoolHours { Days = [DayOfWeek.Monday, DayOfWeek.Saturday], Start = new TimeOnly(9, 0), End = new TimeOnly(12, 30) };

        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero))); // Saturday 09:00
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 11, 21, 12, 30, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero))); // a Friday
    }

    [Fact]
    public async Task School_hours_come_from_configuration()
    {
        await using var bot = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Dsl:SchoolHours:Days:0"] = "Saturday",
            ["Dsl:SchoolHours:Start"] = "09:00",
            ["Dsl:SchoolHours:End"] = "12:00",
        })
        {
            Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero)), // a Saturday
        };
        var chat = new ChatDriver(bot.CreateClient());

        await DslTestData.SendWholeReportAsync(chat);

        Assert.DoesNotContain(OutOfHours, chat.LastText, StringComparison.Ordinal);
    }
}
