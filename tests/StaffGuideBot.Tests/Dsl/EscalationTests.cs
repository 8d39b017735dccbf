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
/// The last step of the ladder: an urgent report still not acknowledged one period after its second reminder is sent to
/// each person on the roster and the headteacher in a private chat, once each, with nothing of the report but its reference.
/// </summary>
public sealed class EscalationTests : IDisposable
{
    private const string ChannelId = DslTestData.ChannelId;
    private const string DslServiceUrl = DslTestData.DslServiceUrl;
    private const string Thread = ChannelId + ";messageid=1001";
    private const string DslOne = "aad-dsl-one";
    private const string DslTwo = "aad-dsl-two";
    private const string Head = "aad-head";
    private const string Chair = "aad-chair";
    private const string AllegationsChannel = "19:heads@thread.tacv2";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task An_urgent_report_unacknowledged_after_two_reminders_goes_to_the_roster_and_the_headteacher_once_each()
    {
        await using var bot = Start();
        var reference = await DeliverAsync(bot, urgent: true);

        await PassAtAsync(bot, 5);
        await PassAtAsync(bot, 10);
        await PassAtAsync(bot, 14);
        Assert.Empty(PrivateMessages(bot));

        await PassAtAsync(bot, 15);
        var sent = PrivateMessages(bot);
        Assert.Equal([DslOne, DslTwo, Head], sent.Select(m => m.Member).Order());
        Assert.All(sent, m => Assert.Equal($"**Urgent report {reference}** has waited 15 minutes and no one has acknowledged it in the DSL team's channel. Please make sure someone picks it up now.", m.Text));

        // Never twice, while the reminders go on.
        await PassAtAsync(bot, 20);
        await PassAtAsync(bot, 25);
        Assert.Equal(3, PrivateMessages(bot).Count);
        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.Single(reportCase.History, e => e.Kind == CaseEventKind.Escalated);
        Assert.Equal([DslOne, DslTwo, Head], reportCase.EscalatedTo.Order());
    }

    [Fact]
    public async Task A_report_that_is_not_urgent_or_is_acknowledged_is_never_escalated()
    {
        await using var bot = Start();
        var quiet = await DeliverAsync(bot, urgent: false);
        var picked = await DeliverAsync(bot, urgent: true);
        await PassAtAsync(bot, 5);
        await Cases(bot).UpdateAsync(picked, c => c.Status = CaseStatus.Acknowledged);

        foreach (var minutes in new[] { 10, 15, 30, 45, 60, 90 })
        {
            await PassAtAsync(bot, minutes);
        }

        Assert.Empty(PrivateMessages(bot));
        Assert.Empty((await Cases(bot).FindAsync(quiet))!.EscalatedTo);
    }

    [Fact]
    public async Task Someone_whose_private_chat_cannot_be_opened_is_tried_again_and_the_others_are_not_sent_it_twice()
    {
        await using var bot = Start();
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.Is<ConversationParameters>(p => p.IsGroup == false && p.Members![0].Id == Head), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(403, "Forbidden", "The bot is not installed for this user."));
        var reference = await DeliverAsync(bot, urgent: true);
        await PassAtAsync(bot, 5);
        await PassAtAsync(bot, 10);

        await PassAtAsync(bot, 15);
        Assert.Equal([DslOne, DslTwo], PrivateMessages(bot).Select(m => m.Member).Order());
        Assert.Equal([DslOne, DslTwo], (await Cases(bot).FindAsync(reference))!.EscalatedTo.Order());

        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.Is<ConversationParameters>(p => p.IsGroup == false && p.Members![0].Id == Head), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = "a:chat-" + Head });
        await PassAtAsync(bot, 16);

        Assert.Equal([DslOne, DslTwo, Head], PrivateMessages(bot).Select(m => m.Member).Order());
        Assert.Equal(2, (await Cases(bot).FindAsync(reference))!.History.Count(e => e.Kind == CaseEventKind.Escalated));
    }

    [Fact]
    public async Task A_headteacher_on_the_roster_is_sent_it_once()
    {
        await using var bot = Start(headteacher: DslTwo);
        await DeliverAsync(bot, urgent: true);

        foreach (var minutes in new[] { 5, 10, 15 })
        {
            await PassAtAsync(bot, minutes);
        }

        Assert.Equal([DslOne, DslTwo], PrivateMessages(bot).Select(m => m.Member).Order());
    }

    [Fact]
    public async Task An_allegation_goes_only_to_the_allegations_roster_never_the_dsls_or_headteacher()
    {
        await using var bot = Start();
        var now = _clock.GetUtcNow();
        var reportCase = new ReportCase { Reference = "SG-2026-A0001", Status = CaseStatus.Delivered, Urgent = true, Allegation = true, Reminders = 2 };
        reportCase.Delivery.ThreadId = AllegationsChannel + ";messageid=9";
        reportCase.Delivery.ServiceUrl = DslServiceUrl;
        reportCase.Delivery.DeliveredAt = now;
        await Cases(bot).CreateAsync(reportCase);

        await PassAtAsync(bot, 15);

        var message = Assert.Single(PrivateMessages(bot));
        Assert.Equal(Chair, message.Member);
        Assert.Contains("in the allegations channel", message.Text, StringComparison.Ordinal);
    }

    private BotApplicationFactory Start(string headteacher = Head)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
            ["Dsl:ChannelId"] = ChannelId,
            ["Dsl:TeamId"] = DslTestData.TeamId,
            ["Dsl:ServiceUrl"] = DslServiceUrl,
            ["Dsl:Roster:0"] = DslOne,
            ["Dsl:Roster:1"] = DslTwo,
            ["Dsl:Headteacher"] = headteacher,
            ["Dsl:Allegations:ChannelId"] = AllegationsChannel,
            ["Dsl:Allegations:ServiceUrl"] = DslServiceUrl,
            ["Dsl:Allegations:Roster:0"] = Chair,
        };
        var bot = new BotApplicationFactory(settings)
        {
            Clock = _clock,
            ConfigureServicesForTest = services => services.RemoveHostedLoop<DslReminderService>(),
        };

        // The report's thread, and a private chat per person.
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = Thread, ActivityId = "1001", ServiceUrl = DslServiceUrl });
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.Is<ConversationParameters>(p => p.IsGroup == false), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, ConversationParameters p, CancellationToken _) => new ConversationResourceResponse { Id = "a:chat-" + p.Members![0].Id });
        bot.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, Activity _, CancellationToken _) => new ResourceResponse(id));
        return bot;
    }

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    /// <summary>Moves the clock to <paramref name="minutes"/> after the start and runs one reminder pass.</summary>
    private async Task PassAtAsync(BotApplicationFactory bot, int minutes)
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero).AddMinutes(minutes));
        await bot.Services.GetRequiredService<DslReminderService>().RemindDueAsync();
    }

    /// <summary>The messages sent in private chats, and to whom.</summary>
    private static List<(string Member, string Text)> PrivateMessages(BotApplicationFactory bot) =>
        bot.Connector.Invocations.Where(i => i.Method.Name == nameof(IConnectorClient.SendToConversationAsync) && ((string)i.Arguments[1]!).StartsWith("a:chat-", StringComparison.Ordinal))
            .Select(i => (((string)i.Arguments[1]!)["a:chat-".Length..], ((Activity)i.Arguments[2]!).Text!))
            .ToList();

    private async Task<string> DeliverAsync(BotApplicationFactory bot, bool urgent)
    {
        var reference = await DslTestData.HandOffAsync(bot, _clock.GetUtcNow(), urgent ? ["adult_involved"] : null);
        await bot.Services.GetRequiredService<DslDelivery>().DeliverDueAsync();
        Assert.Equal(urgent, (await Cases(bot).FindAsync(reference))!.Urgent);
        return reference;
    }
}
