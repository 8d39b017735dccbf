using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;
using StaffGuideBot.Guidance.Bots;

namespace StaffGuideBot.Tests.Bots;

/// <summary>Drafts survive restarts, are offered back, and an unfinished one gets a reminder.</summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_unfinished_report_survives_a_restart_and_is_offered_back_with_its_time()
    {
        await using (var before = Start())
        {
            var chat = new ChatDriver(before.CreateClient());
            await WalkToAccountAsync(chat);
        }

        _clock.Advance(TimeSpan.FromMinutes(7));
        await using var after = Start();
        var again = new ChatDriver(after.CreateClient());

        await again.SayAsync("hello");

        Assert.Contains("It was last changed today at 10:42", again.LastText, StringComparison.Ordinal);
        await again.ClickAsync("Carry on with it");
        Assert.Contains("What you know", again.LastText, StringComparison.Ordinal);
        await again.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = "He sent it round", ["found_out_date"] = "2026-11-20" });
        Assert.Contains("Children involved", again.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_offered_draft_asks_first()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await WalkToAccountAsync(chat);

        await chat.SayAsync("help");
        await chat.ClickAsync("Delete it and start again");
        Assert.Contains("Delete this draft?", chat.LastText, StringComparison.Ordinal);
        await chat.ClickAsync("Yes, delete it");

        Assert.Contains("nothing was sent", chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_left_for_twenty_minutes_gets_one_reminder_in_the_staff_members_chat()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await WalkToAccountAsync(chat);
        var reminders = bot.Services.GetRequiredService<DraftReminderService>();

        _clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal(0, await reminders.SendDueRemindersAsync());

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await reminders.SendDueRemindersAsync());
        bot.Connector.Verify(c => c.SendToConversationAsync(Activities.ServiceUrl, "a:personal-flow",
            It.Is<Activity>(a => a.Text != null && a.Text.Contains("hasn't been sent yet", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
        bot.Connector.Verify(c => c.SendToConversationAsync(Activities.ServiceUrl, "a:personal-flow",
            It.Is<Activity>(a => a.Attachments!.Count == 1), It.IsAny<CancellationToken>()), Times.Once);

        _clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await reminders.SendDueRemindersAsync());

        // Back to work, then another pause: another reminder.
        await chat.SayAsync("yesterday");
        _clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(1, await reminders.SendDueRemindersAsync());
    }

    [Fact]
    public async Task A_draft_changed_since_its_stored_time_gets_no_reminder_until_it_has_really_been_left_twenty_minutes()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await WalkToAccountAsync(chat);
        var reminders = bot.Services.GetRequiredService<DraftReminderService>();

        // A change within the stored time's precision: the turn writes only the conversation, not the draft's item.
        _clock.Advance(TimeSpan.FromMinutes(3));
        await chat.SayAsync("yesterday");

        _clock.Advance(TimeSpan.FromMinutes(18));
        Assert.Equal(0, await reminders.SendDueRemindersAsync());

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await reminders.SendDueRemindersAsync());
        Assert.Equal(0, await reminders.SendDueRemindersAsync());
    }

    [Fact]
    public async Task A_sent_or_deleted_draft_gets_no_reminder()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await WalkToAccountAsync(chat);
        await chat.SayAsync("cancel");
        await chat.ClickAsync("Yes, delete it");

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, await bot.Services.GetRequiredService<DraftReminderService>().SendDueRemindersAsync());
    }

    private BotApplicationFactory Start() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = _folder.Combine("state.db"),
    })
    {
        Clock = _clock,
        ConfigureServicesForTest = services =>
        {
            services.RemoveHostedLoop<DraftReminderService>(); // the tests run its passes
        },
    };

    private static Task WalkToAccountAsync(ChatDriver chat) => chat.WalkToFactsAsync();

}
