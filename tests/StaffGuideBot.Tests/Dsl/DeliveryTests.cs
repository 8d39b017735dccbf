using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;

using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>
/// Reports reach the DSL channel as one thread each, through retries, restarts and a missing channel, and the
/// reporter is told the truth: "sent" only once it is, "phone the DSL" when it is late.
/// </summary>
public sealed class DeliveryTests : IDisposable
{
    private const string ChannelId = DslTestData.ChannelId;
    private const string TeamId = DslTestData.TeamId;
    private const string DslServiceUrl = DslTestData.DslServiceUrl;
    private const string Sent = "has now reached the DSL";
    private const string Late = "phone the DSL now";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));
    private readonly Crash _crash = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_sent_report_becomes_a_new_thread_in_the_configured_channel_and_the_reporter_is_told()
    {
        await using var bot = Start();
        AcceptPosts(bot, "1001");
        var chat = new ChatDriver(bot.CreateClient());

        await DslTestData.SendWholeReportAsync(chat);
        var reference = System.Text.RegularExpressions.Regex.Match(chat.LastText, @"SG-\d{4}-\d{4}").Value;
        await Delivery(bot).DeliverDueAsync();

        bot.Connector.Verify(c => c.CreateConversationAsync(DslServiceUrl, It.Is<ConversationParameters>(p =>
            p.IsGroup == true
            && ((TeamsChannelData)p.ChannelData!).Channel!.Id == ChannelId
            && ((TeamsChannelData)p.ChannelData!).Team!.Id == TeamId
            && p.Activity!.Attachments!.Single().ContentType == Attachment.AdaptiveCardContentType), It.IsAny<CancellationToken>()), Times.Once);
        var card = Assert.Single(CardsPosted(bot));
        StaffGuideBot.Tests.Support.AdaptiveCardSchema.AssertValid(card);
        Assert.Contains($"Report {reference}", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"acknowledge\"", card.ToJsonString(), StringComparison.Ordinal);
        bot.Connector.Verify(c => c.UpdateActivityAsync(DslServiceUrl, ThreadOf("1001"), "1001", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);

        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(CaseStatus.Delivered, reportCase.Status);
        Assert.Equal(ThreadOf("1001"), reportCase.Delivery.ThreadId);
        Assert.Equal("1001", reportCase.Delivery.ActivityId);
        Assert.Equal(_clock.GetUtcNow(), reportCase.Delivery.DeliveredAt);
        Assert.Equal([CaseEventKind.Created, CaseEventKind.Delivered], reportCase.History.Select(e => e.Kind));
        Assert.False(reportCase.Urgent);
        Assert.Equal(1, TextsToReporter(bot, Sent));
        Assert.Equal(0, TextsToReporter(bot, Late));
        Assert.Empty(await Outbox(bot).PendingAsync());
        Assert.DoesNotContain(bot.Logs, line => line.Contains("pic *of me*", StringComparison.Ordinal) || line.Contains("Snapchat", StringComparison.Ordinal));
        Assert.True(bot.Services.GetRequiredService<ServiceUrlTrustList>().IsTrusted(DslServiceUrl));
    }

    /// <summary>A report handed off again after it was delivered (sent again after its turn could not be saved) is not delivered, nor its reporter told, a second time.</summary>
    [Fact]
    public async Task A_report_handed_off_again_after_delivery_is_not_delivered_or_told_to_its_reporter_twice()
    {
        await using var bot = Start();
        AcceptPosts(bot, "1001");
        var reference = await HandOffAsync(bot);
        await Delivery(bot).DeliverDueAsync();
        Assert.Equal(1, TextsToReporter(bot, Sent));
        Assert.Empty(await Outbox(bot).PendingAsync());

        var report = (await bot.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
        await bot.Services.GetRequiredService<IDslEscalation>().HandOffAsync(report);
        await Delivery(bot).DeliverDueAsync();

        Assert.Empty(await Outbox(bot).PendingAsync());
        Assert.Equal(1, TextsToReporter(bot, Sent));
        bot.Connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task Throttled_and_unavailable_answers_are_retried_with_backoff_until_it_is_delivered()
    {
        await using var bot = Start();
        bot.Connector.SetupSequence(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(429, null, "Too many requests"))
            .ThrowsAsync(new ConnectorException(503, null, "Service unavailable"))
            .ReturnsAsync(new ConversationResourceResponse { Id = ThreadOf("3003"), ActivityId = "3003" });
        AcceptUpdates(bot);
        var reference = await HandOffAsync(bot);

        await Delivery(bot).DeliverDueAsync();
        var afterFirst = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(CaseStatus.AwaitingDelivery, afterFirst.Status);
        Assert.Equal(1, afterFirst.Delivery.Attempts);
        Assert.Equal("HTTP429", afterFirst.Delivery.LastError);
        Assert.InRange(afterFirst.Delivery.NextAttemptAt!.Value - _clock.GetUtcNow(), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(6));

        // Not due yet: nothing is tried.
        await Delivery(bot).DeliverDueAsync();
        Assert.Equal(1, (await Cases(bot).FindAsync(reference))!.Delivery.Attempts);

        _clock.Advance(TimeSpan.FromSeconds(7));
        await Delivery(bot).DeliverDueAsync();
        var afterSecond = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(2, afterSecond.Delivery.Attempts);
        Assert.InRange(afterSecond.Delivery.NextAttemptAt!.Value - _clock.GetUtcNow(), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));
        Assert.Equal(0, TextsToReporter(bot, Sent));

        _clock.Advance(TimeSpan.FromSeconds(13));
        await Delivery(bot).DeliverDueAsync();

        var delivered = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(CaseStatus.Delivered, delivered.Status);
        Assert.Equal(ThreadOf("3003"), delivered.Delivery.ThreadId);
        Assert.Equal(
            [CaseEventKind.Created, CaseEventKind.DeliveryFailed, CaseEventKind.DeliveryFailed, CaseEventKind.Delivered],
            delivered.History.Select(e => e.Kind));
        Assert.Equal(["HTTP429", "HTTP503"], delivered.History.Where(e => e.Kind == CaseEventKind.DeliveryFailed).Select(e => e.Detail));
        Assert.Single(CardsPosted(bot));
        Assert.Equal(1, TextsToReporter(bot, Sent));
        Assert.Equal(0, TextsToReporter(bot, Late));
    }

    [Fact]
    public async Task A_connector_that_never_answers_gets_the_reporter_told_to_phone_the_dsl_after_a_minute_while_retries_go_on()
    {
        await using var bot = Start();
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(0, "Timeout", "Bot Connector timed out."));
        var reference = await HandOffAsync(bot);
        // The pack's DSL contact is still a sample: the reporter gets the plain fallback, never "[DSL phone]".
        var phone = bot.Services.GetRequiredService<ContentLibrary>().Live.Fill("{contact.dsl.phone}");

        await Delivery(bot).DeliverDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(55));
        await Delivery(bot).DeliverDueAsync();
        Assert.Equal(0, TextsToReporter(bot, Late));

        _clock.Advance(TimeSpan.FromSeconds(6));
        await Delivery(bot).DeliverDueAsync();
        Assert.Equal(1, TextsToReporter(bot, Late));
        Assert.Equal(1, TextsToReporter(bot, phone));
        Assert.Equal(0, TextsToReporter(bot, "[DSL phone]"));
        Assert.Equal(1, TextsToReporter(bot, reference));

        var attemptsThen = (await Cases(bot).FindAsync(reference))!.Delivery.Attempts;
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(DeliveryBackoff.MaxRetryDelay + TimeSpan.FromSeconds(1));
            await Delivery(bot).DeliverDueAsync();
        }

        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(CaseStatus.AwaitingDelivery, reportCase.Status);
        Assert.True(reportCase.Delivery.ReporterWarned);
        Assert.Equal(attemptsThen + 3, reportCase.Delivery.Attempts);
        Assert.Equal("Timeout", reportCase.Delivery.LastError);
        Assert.Single(reportCase.History, e => e.Kind == CaseEventKind.DeliveryFailed);
        Assert.Equal(1, TextsToReporter(bot, Late));
        Assert.Equal(0, TextsToReporter(bot, Sent));
        Assert.Equal([reference], await Outbox(bot).PendingAsync());
    }

    [Fact]
    public async Task A_crash_after_the_placeholder_was_accepted_leaves_at_most_an_empty_placeholder_and_one_report_card()
    {
        string reference;
        await using (var before = Start())
        {
            // Teams accepts the placeholder, then the process dies before anything more is written.
            before.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
                .Callback(() => _crash.Now = true)
                .ReturnsAsync(new ConversationResourceResponse { Id = ThreadOf("1001"), ActivityId = "1001" });
            reference = await HandOffAsync(before);
            await Delivery(before).DeliverDueAsync();
            before.Connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Once);
            before.Connector.Verify(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Never);
            Assert.Empty(CardsPosted(before));
        }

        _crash.Now = false;
        // The dead process still held its claim on the report: the next one waits for it to run out.
        _clock.Advance(ReportDelivery.ClaimFor + TimeSpan.FromSeconds(20));
        await using var after = Start();
        AcceptPosts(after, "2002");
        await Delivery(after).DeliverDueAsync();

        // A second placeholder (the first is left empty in the channel), and the report card exactly once, on the recorded one.
        var placeholder = Assert.Single(after.Connector.Invocations, i => i.Method.Name == nameof(IConnectorClient.CreateConversationAsync));
        Assert.DoesNotContain("J.B.", BotJson.Serialize(placeholder.Arguments[1]), StringComparison.Ordinal);
        Assert.Single(CardsPosted(after));
        after.Connector.Verify(c => c.UpdateActivityAsync(DslServiceUrl, ThreadOf("2002"), "2002", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        var reportCase = (await Cases(after).FindAsync(reference))!;
        Assert.Equal(CaseStatus.Delivered, reportCase.Status);
        Assert.Equal(ThreadOf("2002"), reportCase.Delivery.ThreadId);
        Assert.Contains(after.Logs, line => line.Contains(reference, StringComparison.Ordinal) && line.Contains("stopped before its thread was recorded", StringComparison.Ordinal));
        Assert.Equal(1, TextsToReporter(after, Sent));
    }

    [Fact]
    public async Task A_restart_after_the_card_went_up_but_before_it_was_recorded_posts_nothing_new()
    {
        string reference;
        await using (var before = Start())
        {
            AcceptPosts(before, "1001");
            // The card is in place in Teams, then the process dies before the case says so.
            before.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
                .Callback(() => _crash.Now = true)
                .ReturnsAsync(new ResourceResponse("1001"));
            reference = await HandOffAsync(before);
            await Delivery(before).DeliverDueAsync();
            Assert.Equal(CaseStatus.AwaitingDelivery, (await Cases(before).FindAsync(reference))!.Status);
            Assert.Equal(0, TextsToReporter(before, Sent));
        }

        _crash.Now = false;
        await using var after = Start();
        AcceptPosts(after, "2002");

        // The dead process's claim on the report holds until it runs out: nothing is posted meanwhile.
        await Delivery(after).DeliverDueAsync();
        after.Connector.Verify(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Never);

        _clock.Advance(ReportDelivery.ClaimFor);
        await Delivery(after).DeliverDueAsync();

        // The same root is written again (idempotent), no new thread.
        after.Connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Never);
        after.Connector.Verify(c => c.UpdateActivityAsync(DslServiceUrl, ThreadOf("1001"), "1001", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        var reportCase = (await Cases(after).FindAsync(reference))!;
        Assert.Equal(CaseStatus.Delivered, reportCase.Status);
        Assert.Equal(ThreadOf("1001"), reportCase.Delivery.ThreadId);
        Assert.Equal(1, TextsToReporter(after, Sent));
        Assert.Empty(await Outbox(after).PendingAsync());
    }

    [Fact]
    public async Task When_the_app_is_not_in_the_channel_the_fix_is_logged_the_reporter_is_told_to_phone_and_retries_go_on()
    {
        await using var bot = Start();
        bot.Connector.Setup(c => c.CreateConversationAsync(DslServiceUrl, It.Is<ConversationParameters>(p => p.IsGroup == false), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, ConversationParameters p, CancellationToken _) => new ConversationResourceResponse { Id = "a:1to1-" + p.Members![0].Id });
        bot.Connector.SetupSequence(c => c.CreateConversationAsync(It.IsAny<string>(), It.Is<ConversationParameters>(p => p.IsGroup == true), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."))
            .ThrowsAsync(new ConnectorException(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."))
            .ReturnsAsync(new ConversationResourceResponse { Id = ThreadOf("4004"), ActivityId = "4004" });
        AcceptUpdates(bot);
        var reference = await HandOffAsync(bot);

        await Delivery(bot).DeliverDueAsync();

        Assert.Contains(bot.Logs, line => line.Contains("Add the StaffGuideBot app", StringComparison.Ordinal) && line.Contains(ChannelId, StringComparison.Ordinal));
        Assert.Equal(1, TextsToReporter(bot, Late));
        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal("BotNotInConversationRoster", reportCase.Delivery.LastError);
        // Each DSL on the roster is told in a 1:1 chat, once, with the reference and who reported it.
        foreach (var dsl in new[] { "aad-dsl-khan", "aad-deputy-patel" })
        {
            bot.Connector.Verify(c => c.SendToConversationAsync(DslServiceUrl, "a:1to1-" + dsl,
                It.Is<Activity>(a => a.Text!.Contains(reference, StringComparison.Ordinal) && a.Text.Contains("Alex Wilber", StringComparison.Ordinal)), It.IsAny<CancellationToken>()), Times.Once);
        }

        Assert.True(reportCase.Delivery.DslsToldNotInChannel);
        Assert.NotNull(reportCase.Delivery.NextAttemptAt);

        _clock.Advance(DeliveryBackoff.MaxRetryDelay);
        await Delivery(bot).DeliverDueAsync();
        Assert.Equal(CaseStatus.AwaitingDelivery, (await Cases(bot).FindAsync(reference))!.Status);

        // Someone adds the app to the channel.
        _clock.Advance(DeliveryBackoff.MaxRetryDelay);
        await Delivery(bot).DeliverDueAsync();
        Assert.Equal(CaseStatus.Delivered, (await Cases(bot).FindAsync(reference))!.Status);
        Assert.Equal(1, TextsToReporter(bot, Late));
        Assert.Equal(1, TextsToReporter(bot, Sent));
    }

    [Fact]
    public async Task With_no_channel_configured_reports_wait_nothing_is_posted_and_the_reporter_is_told_to_phone()
    {
        await using var bot = Start(channel: false);
        using var client = bot.CreateClient();
        var reference = await HandOffAsync(bot);

        await Delivery(bot).DeliverDueAsync();
        Assert.Equal("Healthy", await DeliveryHealthAsync(client));
        _clock.Advance(TimeSpan.FromSeconds(61));
        await Delivery(bot).DeliverDueAsync();
        // Waiting longer than Dsl:DeliveryWarningAfter: /healthz/ready says so (still 200: the bot itself works).
        Assert.Equal("Degraded", await DeliveryHealthAsync(client));
        _clock.Advance(TimeSpan.FromMinutes(10));
        await Delivery(bot).DeliverDueAsync();

        bot.Connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Never);
        bot.Connector.Verify(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Never);
        bot.Connector.Verify(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Never);
        // The only message anywhere is the one to the reporter's own chat.
        var sends = bot.Connector.Invocations.Where(i => i.Method.Name == nameof(IConnectorClient.SendToConversationAsync)).ToList();
        Assert.Equal("a:personal-1", Assert.Single(sends).Arguments[1]);
        Assert.Equal(1, TextsToReporter(bot, Late));
        Assert.Equal(CaseStatus.AwaitingDelivery, (await Cases(bot).FindAsync(reference))!.Status);
        Assert.Equal([reference], await Outbox(bot).PendingAsync());
        Assert.Contains(bot.Logs, line => line.Contains("No DSL channel is configured", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_with_any_of_the_five_points_or_immediate_danger_is_urgent()
    {
        using var bot = Start(channel: false);
        var pack = bot.Services.GetRequiredService<ContentLibrary>().Live;
        var now = _clock.GetUtcNow();

        Assert.True(DslDelivery.NewCase(NewReport("SG-2026-0101", flags: ["adult_involved"]), pack, now).Urgent);
        Assert.True(DslDelivery.NewCase(NewReport("SG-2026-0102", danger: "unsure"), pack, now).Urgent);
        Assert.False(DslDelivery.NewCase(NewReport("SG-2026-0103", flags: ["shared_without_consent"]), pack, now).Urgent);
        var created = DslDelivery.NewCase(NewReport("SG-2026-0104"), pack, now);
        Assert.Equal(CaseStatus.AwaitingDelivery, created.Status);
        Assert.Equal(now, created.Delivery.NextAttemptAt);
        Assert.Equal(CaseEventKind.Created, Assert.Single(created.History).Kind);
    }

    [Fact]
    public void What_makes_a_report_urgent_is_the_packs_rule()
    {
        // England's rule (indicators.yaml, urgent) changed: aggravating flags are urgent, and only a "yes" to danger.
        using var folder = new TempDirectory();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")))
        {
            File.Copy(file, folder.Combine(Path.GetFileName(file)));
        }

        var indicators = File.ReadAllText(folder.Combine("indicators.yaml"));
        var start = indicators.IndexOf("\nurgent:", StringComparison.Ordinal);
        Assert.True(start >= 0, "England's indicators.yaml has an urgent rule");
        var end = indicators.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        File.WriteAllText(folder.Combine("indicators.yaml"), indicators[..start] + """

            urgent:
              kinds: [aggravating]
              when: { answer: immediate_danger, is: "yes" }
            """ + (end < 0 ? "\n" : indicators[end..]));
        var pack = ContentPackLoader.Load(folder.Path);
        var now = _clock.GetUtcNow();

        Assert.True(DslDelivery.NewCase(NewReport("SG-2026-0201", flags: ["shared_without_consent"]), pack, now).Urgent);
        Assert.True(DslDelivery.NewCase(NewReport("SG-2026-0202", danger: "yes"), pack, now).Urgent);
        Assert.False(DslDelivery.NewCase(NewReport("SG-2026-0203", danger: "unsure"), pack, now).Urgent);
        Assert.False(DslDelivery.NewCase(NewReport("SG-2026-0204", flags: ["adult_involved"]), pack, now).Urgent);
    }

    [Fact]
    public void Retry_delays_double_from_five_seconds_with_jitter_and_stop_at_five_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), DeliveryBackoff.RetryDelay(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(6), DeliveryBackoff.RetryDelay(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(10), DeliveryBackoff.RetryDelay(2, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(80), DeliveryBackoff.RetryDelay(5, 0.5));
        Assert.Equal(TimeSpan.FromMinutes(5), DeliveryBackoff.RetryDelay(7, 1));
        Assert.Equal(TimeSpan.FromMinutes(5), DeliveryBackoff.RetryDelay(1000, 0.99));
        Assert.Equal(TimeSpan.FromMinutes(4), DeliveryBackoff.RetryDelay(1000, 0));
    }

    private static async Task<string> DeliveryHealthAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["checks"]!["delivery"]!["status"]!.GetValue<string>();
    }

    private BotApplicationFactory Start(bool channel = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
        };
        if (channel)
        {
            settings["Dsl:ChannelId"] = ChannelId;
            settings["Dsl:TeamId"] = TeamId;
            settings["Dsl:ServiceUrl"] = DslServiceUrl;
            settings["Dsl:Roster:0"] = "aad-dsl-khan";
            settings["Dsl:Roster:1"] = "aad-deputy-patel";
        }

        return new BotApplicationFactory(settings)
        {
            Clock = _clock,
            ConfigureServicesForTest = services =>
            {
                var storage = services.Last(d => d.ServiceType == typeof(IStorage));
                services.Remove(storage);
                services.AddSingleton<IStorage>(sp => new CrashingStorage((IStorage)storage.ImplementationFactory!(sp), _crash));
            },
        };
    }

    private static void AcceptPosts(BotApplicationFactory bot, string activityId)
    {
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = ThreadOf(activityId), ActivityId = activityId, ServiceUrl = DslServiceUrl });
        AcceptUpdates(bot);
    }

    private static void AcceptUpdates(BotApplicationFactory bot) =>
        bot.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, Activity _, CancellationToken _) => new ResourceResponse(id));

    private static string ThreadOf(string activityId) => DslTestData.ThreadOf(activityId);

    /// <summary>The summary cards written into the channel (each update of a root with the report's card).</summary>
    private static List<JsonObject> CardsPosted(BotApplicationFactory bot) =>
        bot.Connector.Invocations.Where(i => i.Method.Name == nameof(IConnectorClient.UpdateActivityAsync))
            .SelectMany(i => ChatDriver.CardsOf((Activity)i.Arguments[3]!))
            .ToList();

    /// <summary>How many messages to the reporter's chat contained <paramref name="text"/>.</summary>
    private static int TextsToReporter(BotApplicationFactory bot, string text) =>
        bot.Connector.Invocations.Count(i => i.Method.Name == nameof(IConnectorClient.SendToConversationAsync)
            && ((Activity)i.Arguments[2]!).Text is { } said && said.Contains(text, StringComparison.Ordinal));

    private static DslDelivery Delivery(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslDelivery>();

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static DslOutbox Outbox(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslOutbox>();

    /// <summary>Stores a report and hands it off as the report flow does, without a chat turn.</summary>
    private Task<string> HandOffAsync(BotApplicationFactory bot) => DslTestData.HandOffAsync(bot, _clock.GetUtcNow(), flags: ["adult_involved"]);

    private Report NewReport(string reference, IReadOnlyList<string>? flags = null, string danger = "no") => DslTestData.NewReport(reference, _clock.GetUtcNow(), flags, danger);

    /// <summary>The switch that "kills" the process: once on, nothing more reaches storage.</summary>
    private sealed class Crash
    {
        public volatile bool Now;
    }

    private sealed class CrashingStorage(IStorage inner, Crash crash) : IStorage
    {
        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
            crash.Now ? throw new IOException("Simulated crash: the process is gone.") : inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            crash.Now ? throw new IOException("Simulated crash: the process is gone.") : inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
    }
}
