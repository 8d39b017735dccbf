using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;

using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>
/// No report left waiting: a delivered report nobody acknowledges gets a reply in its thread that @mentions every
/// deputy, after 15 minutes (5 when urgent) and every such period after, until someone acknowledges it.
/// </summary>
public sealed class ReminderTests : IDisposable
{
    private const string ChannelId = DslTestData.ChannelId;
    private const string TeamId = DslTestData.TeamId;
    private const string DslServiceUrl = DslTestData.DslServiceUrl;
    private const string DeputyOne = "5b7f3c1e-0000-4000-8000-000000000001";
    private const string DeputyTwo = "5b7f3c1e-0000-4000-8000-000000000002";
    private const string Thread = ChannelId + ";messageid=1001";
    private const string Waiting = "and no one has acknowledged it yet";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_unacknowledged_report_gets_a_reminder_at_15_minutes_mentioning_both_deputies_and_again_at_30()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await DslTestData.SendWholeReportAsync(chat);
        var reference = System.Text.RegularExpressions.Regex.Match(chat.LastText, @"SG-\d{4}-\d{4}").Value;
        await bot.Services.GetRequiredService<DslDelivery>().DeliverDueAsync();
        Assert.False((await Cases(bot).FindAsync(reference))!.Urgent);

        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await Reminders(bot).RemindDueAsync());
        Assert.Empty(RemindersPosted(bot));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Reminders(bot).RemindDueAsync());
        var reminder = Assert.Single(RemindersPosted(bot));
        Assert.Contains($"Report **{reference}** has been waiting 15 minutes {Waiting}", reminder.Text, StringComparison.Ordinal);
        Assert.StartsWith("<at>Priya Patel</at> <at>Deputy DSL</at> ", reminder.Text, StringComparison.Ordinal);
        var mentions = reminder.Entities!.Select(e => e.As<Mention>()!).ToList();
        Assert.All(reminder.Entities!, e => Assert.Equal("mention", e.Type));
        Assert.Equal([DeputyOne, DeputyTwo], mentions.Select(m => m.Mentioned!.Id));
        Assert.Equal(["Priya Patel", "Deputy DSL"], mentions.Select(m => m.Mentioned!.Name));
        Assert.All(mentions, m => Assert.Contains(m.Text!, reminder.Text, StringComparison.Ordinal));
        bot.Connector.Verify(c => c.SendToConversationAsync(DslServiceUrl, Thread, It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.DoesNotContain("J.B.", reminder.Text, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await Reminders(bot).RemindDueAsync());
        Assert.Single(RemindersPosted(bot));

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await Reminders(bot).RemindDueAsync());
        Assert.Equal(2, RemindersPosted(bot).Count);
        Assert.Contains("has been waiting 30 minutes", RemindersPosted(bot)[1].Text, StringComparison.Ordinal);
        Assert.Equal(2, (await Cases(bot).FindAsync(reference))!.Reminders);
    }

    [Fact]
    public async Task An_urgent_report_gets_its_first_reminder_at_5_minutes()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot, flags: ["adult_involved"]);
        Assert.True((await Cases(bot).FindAsync(reference))!.Urgent);

        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, await Reminders(bot).RemindDueAsync());

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Reminders(bot).RemindDueAsync());
        Assert.Contains("has been waiting 5 minutes", Assert.Single(RemindersPosted(bot)).Text, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Reminders(bot).RemindDueAsync());
        Assert.Equal(2, RemindersPosted(bot).Count);
    }

    [Fact]
    public async Task A_report_acknowledged_in_time_gets_no_reminder()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot);

        _clock.Advance(TimeSpan.FromMinutes(10));
        await AcknowledgeAsync(bot, reference);
        _clock.Advance(TimeSpan.FromMinutes(50));

        Assert.Equal(0, await Reminders(bot).RemindDueAsync());
        Assert.Empty(RemindersPosted(bot));
        Assert.Equal(0, (await Cases(bot).FindAsync(reference))!.Reminders);
    }

    [Fact]
    public async Task A_report_acknowledged_after_the_check_but_before_the_post_gets_no_reminder()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot);
        // A DSL acknowledges while the deputies' names are being looked up (after the due cases were listed).
        bot.Connector.Setup(c => c.GetConversationMemberAsync(It.IsAny<string>(), It.IsAny<string>(), DeputyOne, It.IsAny<CancellationToken>()))
            .Returns(async (string _, string _, string id, CancellationToken _) =>
            {
                await AcknowledgeAsync(bot, reference);
                return new TeamsChannelAccount { Id = "29:priya", AadObjectId = id, Name = "Priya Patel" };
            });

        _clock.Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(0, await Reminders(bot).RemindDueAsync());
        Assert.Empty(RemindersPosted(bot));
        Assert.DoesNotContain((await Cases(bot).FindAsync(reference))!.History, e => e.Kind == CaseEventKind.Reminder);
    }

    [Fact]
    public async Task Each_reminder_is_recorded_in_the_case_history_with_who_was_mentioned()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot);
        var delivered = _clock.GetUtcNow();

        _clock.Advance(TimeSpan.FromMinutes(15));
        await Reminders(bot).RemindDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(15));
        await Reminders(bot).RemindDueAsync();

        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(2, reportCase.Reminders);
        var reminders = reportCase.History.Where(e => e.Kind == CaseEventKind.Reminder).ToList();
        Assert.Equal([delivered.AddMinutes(15), delivered.AddMinutes(30)], reminders.Select(e => e.At));
        // Who was mentioned (by name, or by object id when Teams could not say), never the message.
        Assert.All(reminders, e => Assert.Equal($"Priya Patel, {DeputyTwo}", e.Detail));
        Assert.All(reminders, e => Assert.Null(e.By));
        Assert.Equal(CaseStatus.Delivered, reportCase.Status);
    }

    [Fact]
    public async Task A_reminder_that_cannot_be_posted_is_not_recorded_and_is_tried_again_at_the_next_check()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot);
        bot.Connector.SetupSequence(c => c.SendToConversationAsync(DslServiceUrl, Thread, It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(503, null, "Service unavailable"))
            .ReturnsAsync(new ResourceResponse("reminder-1"));

        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(0, await Reminders(bot).RemindDueAsync());
        var afterFailure = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(0, afterFailure.Reminders);
        Assert.DoesNotContain(afterFailure.History, e => e.Kind == CaseEventKind.Reminder);
        Assert.Contains(bot.Logs, line => line.Contains(reference, StringComparison.Ordinal) && line.Contains("HTTP503", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs, line => line.Contains(Waiting, StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Reminders(bot).RemindDueAsync());
        var afterRetry = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(1, afterRetry.Reminders);
        Assert.Single(afterRetry.History, e => e.Kind == CaseEventKind.Reminder);
        Assert.Contains("has been waiting 16 minutes", RemindersPosted(bot)[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_stop_after_the_cap()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot);

        for (var i = 0; i < DslReminderService.MaxReminders + 3; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(15));
            await Reminders(bot).RemindDueAsync();
        }

        Assert.Equal(DslReminderService.MaxReminders, RemindersPosted(bot).Count);
        Assert.Equal(DslReminderService.MaxReminders, (await Cases(bot).FindAsync(reference))!.Reminders);
        Assert.Contains(bot.Logs, line => line.Contains(reference, StringComparison.Ordinal) && line.Contains("no more reminders", StringComparison.Ordinal));
    }

    private BotApplicationFactory Start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
            ["Dsl:ChannelId"] = ChannelId,
            ["Dsl:TeamId"] = TeamId,
            ["Dsl:ServiceUrl"] = DslServiceUrl,
            ["Dsl:Deputies:0"] = DeputyOne,
            ["Dsl:Deputies:1"] = DeputyTwo,
        };
        var bot = new BotApplicationFactory(settings)
        {
            Clock = _clock,
            ConfigureServicesForTest = services =>
            {
                services.RemoveHostedLoop<DslReminderService>(); // the tests run its passes
            },
        };
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = Thread, ActivityId = "1001", ServiceUrl = DslServiceUrl });
        bot.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, Activity _, CancellationToken _) => new ResourceResponse(id));
        // One deputy is found in the channel; the other cannot be looked up, and is mentioned by the pack's generic name.
        bot.Connector.Setup(c => c.GetConversationMemberAsync(DslServiceUrl, ChannelId, DeputyOne, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TeamsChannelAccount { Id = "29:priya", AadObjectId = DeputyOne, Name = "Priya Patel" });
        bot.Connector.Setup(c => c.GetConversationMemberAsync(DslServiceUrl, ChannelId, DeputyTwo, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(404, "MemberNotFoundInConversation", "Not found"));
        return bot;
    }

    private static DslReminderService Reminders(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslReminderService>();

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    /// <summary>The reminders posted in the report's thread.</summary>
    private static List<Activity> RemindersPosted(BotApplicationFactory bot) =>
        bot.Connector.Invocations.Where(i => i.Method.Name == nameof(IConnectorClient.SendToConversationAsync) && (string)i.Arguments[1]! == Thread)
            .Select(i => (Activity)i.Arguments[2]!)
            .ToList();

    private Task<ReportCase?> AcknowledgeAsync(BotApplicationFactory bot, string reference) =>
        Cases(bot).UpdateAsync(reference, c =>
        {
            var dsl = new Person { Name = "Sam Jones", AadObjectId = "dsl-object" };
            c.Status = CaseStatus.Acknowledged;
            c.Owner = dsl;
            c.Record(CaseEventKind.Acknowledged, _clock.GetUtcNow(), dsl);
        });

    /// <summary>Stores a report, hands it off as the report flow does, and delivers it to the channel.</summary>
    private async Task<string> DeliverAsync(BotApplicationFactory bot, IReadOnlyList<string>? flags = null)
    {
        var reference = await DslTestData.HandOffAsync(bot, _clock.GetUtcNow(), flags);
        await bot.Services.GetRequiredService<DslDelivery>().DeliverDueAsync();
        Assert.Equal(CaseStatus.Delivered, (await Cases(bot).FindAsync(reference))!.Status);
        return reference;
    }
}
