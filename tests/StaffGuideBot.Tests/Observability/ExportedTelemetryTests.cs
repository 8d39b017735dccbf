using System.Diagnostics;
using BotActivity = StaffGuideBot.BotFramework.Schema.Activity;
using Span = System.Diagnostics.Activity;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Guidance.Retention;
using StaffGuideBot.Tests.Dsl;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Observability;

/// <summary>
/// What the bot exports when an OpenTelemetry collector is configured, captured by in-memory exporters added beside
/// the configured one: a report's whole life (sent, a failed post and its status, delivered, acknowledged, decided,
/// a reminder, purged) as metrics and log lines with fixed event ids, the outbox's gauges and the time to acknowledge;
/// spans of the turns; and, anywhere in any of it, nothing anyone typed, no child's name, no person's name.
/// </summary>
[Collection(nameof(ExportedTelemetryTests))]
public sealed class ExportedTelemetryTests : IDisposable
{
    private const string Dsl = "aad-dsl-khan";
    private const string DslName = "Samira Khanom-Q";
    private const string Thread = DslTestData.ChannelId + ";messageid=1001";
    private const string TypedMarker = "typed-marker-Zq81";
    private const string ChildName = "Quentin Zarb-Vex";
    private const string ReasonMarker = "reason-marker-Kw55";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));
    private readonly List<Span> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly List<LogRecord> _logs = [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_reports_life_is_exported_as_metrics_logs_and_spans_and_nothing_anyone_wrote_is()
    {
        await using var bot = Start();
        var connector = bot.Connector;
        var posts = 0;
        connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => ++posts == 1
                ? throw new ConnectorException(502, "ServiceError", "Teams is having a moment")
                : new ConversationResourceResponse { Id = Thread, ActivityId = "1001", ServiceUrl = DslTestData.DslServiceUrl });
        connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<BotActivity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, BotActivity _, CancellationToken _) => new ResourceResponse(id));

        // Sent by a member of staff, with words only this test uses in the answers.
        var chat = new ChatDriver(bot.CreateClient());
        await chat.WalkToChildrenAsync($"She said: \"{TypedMarker} has a pic of me\"", "a pupil told me something");
        await chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = ChildName, ["age"] = "14", ["role"] = "shown,told", ["wellbeing"] = "distressed" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no", ["image_description"] = $"{TypedMarker} photo", ["sexual_acts"] = "no", ["platform"] = "Snapchat" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["spread"] = "a_few", ["without_consent"] = "yes", ["device_location"] = "With the pupil", ["actions_taken"] = $"{TypedMarker} phoned" });
        await chat.ClickAsync("Send to the DSL");
        var reference = Regex.Match(chat.LastText, @"SG-\d{4}-\d{4}").Value;

        // Teams fails the first post (502); the next pass delivers.
        var delivery = bot.Services.GetRequiredService<DslDelivery>();
        await delivery.DeliverDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await delivery.DeliverDueAsync();
        Assert.Equal(CaseStatus.Delivered, (await Cases(bot).FindAsync(reference))!.Status);

        // A second report nobody picks up: a reminder.
        var waiting = await DslTestData.HandOffAsync(bot, _clock.GetUtcNow());
        await delivery.DeliverDueAsync();
        _clock.Advance(TimeSpan.FromHours(3));
        Assert.True(await bot.Services.GetRequiredService<DslReminderService>().RemindDueAsync() > 0, $"no reminder for {waiting}");

        // Acknowledged, decided with reasons, recorded and closed, then purged 30 days later.
        var client = bot.CreateClient();
        await client.SendAsync(Activities.Post(Invoke(SummaryCard.Verbs.Acknowledge, new JsonObject { [SummaryCard.ReferenceKey] = reference })));
        await client.SendAsync(Activities.Post(Invoke(SummaryCard.Verbs.Decision, new JsonObject
        {
            [SummaryCard.ReferenceKey] = reference,
            [SummaryCard.DecisionOutcomesInput] = "social_care",
            [SummaryCard.DecisionReasonsInput] = $"{ReasonMarker}: MASH today",
        })));
        Assert.Contains((await Cases(bot).FindAsync(reference))!.History, e => e.Kind == CaseEventKind.Decision);
        await Cases(bot).UpdateAsync(reference, c =>
        {
            c.RecordedInSchoolSystem = new SchoolRecord { By = new Person { Name = DslName, AadObjectId = Dsl }, At = _clock.GetUtcNow(), Where = "CPOMS" };
            c.Status = CaseStatus.Closed;
            c.Record(CaseEventKind.Closed, _clock.GetUtcNow());
        });
        _clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(1, (await bot.Services.GetRequiredService<RetentionService>().RunAsync()).Purged);
        await delivery.DeliverDueAsync(); // the outbox gauges as of the last pass

        // An outgoing call like the Bot Connector's (nobody answers): its span keeps the host, not the conversation.
        using (var http = bot.Services.GetRequiredService<IHttpClientFactory>().CreateClient())
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(new Uri("http://127.0.0.1:9/v3/conversations/a:conversation-marker-Hd20/activities")));
        }

        bot.Services.GetRequiredService<TracerProvider>().ForceFlush();
        bot.Services.GetRequiredService<MeterProvider>().ForceFlush();
        bot.Services.GetRequiredService<LoggerProvider>().ForceFlush();

        // Metrics: every business event, the outbox's gauges and the time to acknowledge.
        // (At least: the meter's name is process-wide, so a test host left running elsewhere may add to these.)
        Assert.True(Sum("staffguidebot.reports.submitted") >= 2);
        Assert.True(Sum("staffguidebot.reports.delivered") >= 2);
        Assert.True(Sum("staffguidebot.reports.acknowledged") >= 1);
        Assert.True(Sum("staffguidebot.reports.decisions") >= 1);
        Assert.True(Sum("staffguidebot.reports.overdue") >= 1);
        Assert.True(Sum("staffguidebot.reports.purged") >= 1);
        Assert.Contains(Points("staffguidebot.reports.delivery_failures"), p =>
            Convert.ToInt32(Tag(p, "http.response.status_code"), System.Globalization.CultureInfo.InvariantCulture) == 502 && Equals(Tag(p, "error.type"), "ServiceError"));
        Assert.NotEmpty(Points("staffguidebot.outbox.depth"));
        Assert.NotEmpty(Points("staffguidebot.outbox.oldest_age"));
        Assert.Contains(Points("staffguidebot.reports.time_to_acknowledge"), p => p.GetHistogramCount() >= 1);

        // Log lines with their fixed event ids, naming the report by its reference.
        foreach (var id in new[] { BusinessEvents.Submitted, BusinessEvents.DeliveryFailed, BusinessEvents.Delivered, BusinessEvents.Acknowledged, BusinessEvents.DecisionRecorded, BusinessEvents.Overdue, BusinessEvents.Purged })
        {
            Assert.Contains(_logs.ToArray(), l => l.EventId.Id == id);
        }

        Assert.Contains(_logs.ToArray(), l => l.EventId.Id == BusinessEvents.Purged && Text(l).Contains(reference, StringComparison.Ordinal));

        // Spans: the turns and the requests they answered.
        Assert.Contains(_spans.ToArray(), s => s.OperationName == "bot turn" && Equals(s.GetTagItem("bot.activity.type"), ActivityTypes.Message));
        Assert.Contains(_spans.ToArray(), s => s.Kind == ActivityKind.Server);
        Assert.Contains(_spans.ToArray(), s => s.Kind == ActivityKind.Client && Equals(s.GetTagItem("url.full"), "http://127.0.0.1:9/"));

        // Nothing anyone wrote or anyone's name, in anything exported.
        var exported = Everything();
        Assert.Contains(reference, exported, StringComparison.Ordinal); // the text searched below is what was exported
        foreach (var secret in new[] { TypedMarker, ChildName, "Quentin", ReasonMarker, DslName, "Khanom", "Alex Wilber", "conversation-marker-Hd20" })
        {
            Assert.False(exported.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' was exported");
        }
    }

    [Fact]
    public async Task Outgoing_addresses_are_not_logged_even_when_the_log_level_asks_for_them()
    {
        // HttpClient's own log lines name the whole address (a Bot Connector path holds the conversation's id): they are
        // taken out in code, so a log level turned up to find a fault doesn't export them.
        await using var bot = Start(("Logging:LogLevel:System.Net.Http.HttpClient", "Trace"), ("Logging:LogLevel:Default", "Trace"));
        var factory = bot.Services.GetRequiredService<IHttpClientFactory>();
        foreach (var client in new[] { factory.CreateClient(), factory.CreateClient(StaffGuideBot.BotFramework.Connector.ConnectorClient.HttpClientName) })
        {
            using (client)
            {
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1:9/v3/conversations/a:conversation-marker-Hd20/activities")));
            }
        }

        bot.Services.GetRequiredService<LoggerProvider>().ForceFlush();
        Assert.NotEmpty(_logs);
        Assert.DoesNotContain("conversation-marker-Hd20", Everything(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_collector_setting_that_cant_be_used_stops_the_bot_with_one_line()
    {
        const string Opening = "StaffGuideBot cannot start, the configuration is invalid: ";
        await Configuration.StartupIdentityTests.AssertStopsWithOneLineAsync(["--Telemetry:OtlpEndpoint=collector:4317"], Opening, "Telemetry:OtlpEndpoint must be an absolute http or https address", "no scheme");
        await Configuration.StartupIdentityTests.AssertStopsWithOneLineAsync(["--Telemetry:OtlpEndpoint=http://collector:4317", "--Telemetry:OtlpProtocol=udp"], Opening, "Telemetry:OtlpProtocol must be grpc or http/protobuf", "an unknown protocol");
    }

    private BotApplicationFactory Start(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
            ["Dsl:ChannelId"] = DslTestData.ChannelId,
            ["Dsl:TeamId"] = DslTestData.TeamId,
            ["Dsl:ServiceUrl"] = DslTestData.DslServiceUrl,
            ["Dsl:Roster:0"] = Dsl,
            // A collector nobody listens on: the exporters below see what it would have been sent.
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
            ["Telemetry:OtlpProtocol"] = "http/protobuf",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var bot = new BotApplicationFactory(values)
        {
            Clock = _clock,
            ConfigureServicesForTest = services =>
            {
                services.RemoveReportLoops(); // the tests run the passes
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
                services.ConfigureOpenTelemetryLoggerProvider(logs => logs.AddInMemoryExporter(_logs));
            },
        };
        return bot;
    }

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static BotActivity Invoke(string verb, JsonObject data)
    {
        var invoke = Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb, data } }, conversationId: Thread);
        invoke.From!.AadObjectId = Dsl;
        invoke.From.Name = DslName;
        invoke.Conversation!.ConversationType = ConversationTypes.Channel;
        invoke.ChannelData = System.Text.Json.JsonSerializer.SerializeToElement(new { team = new { id = DslTestData.TeamId }, channel = new { id = DslTestData.ChannelId } });
        return invoke;
    }

    private List<MetricPoint> Points(string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.ToArray().Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    /// <summary>The total of a counter (the in-memory exporter keeps every collection; a cumulative counter's last one counts).</summary>
    private long Sum(string name)
    {
        var last = _metrics.ToArray().LastOrDefault(m => m.Name == name);
        if (last is null)
        {
            return 0;
        }

        long total = 0;
        foreach (ref readonly var point in last.GetMetricPoints())
        {
            total += point.GetSumLong();
        }

        return total;
    }

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private static string Text(LogRecord log)
    {
        var text = new StringBuilder().Append(log.FormattedMessage).Append(' ').Append(log.Body).Append(' ').Append(log.CategoryName);
        foreach (var (key, value) in log.Attributes ?? [])
        {
            text.Append(' ').Append(key).Append('=').Append(value);
        }

        return text.Append(' ').Append(log.Exception?.ToString()).ToString();
    }

    /// <summary>Every span, metric and log record as text: names, tags, events, values, messages, exceptions.</summary>
    private string Everything()
    {
        var text = new StringBuilder();
        foreach (var span in _spans.ToArray())
        {
            text.Append(span.OperationName).Append(' ').Append(span.DisplayName).Append(' ').Append(span.StatusDescription);
            foreach (var (key, value) in span.TagObjects)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            foreach (var e in span.Events)
            {
                text.Append(' ').Append(e.Name);
                foreach (var (key, value) in e.Tags)
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            text.AppendLine();
        }

        foreach (var metric in _metrics.ToArray())
        {
            text.Append(metric.Name).Append(' ').Append(metric.Description);
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
                }
            }

            text.AppendLine();
        }

        foreach (var log in _logs.ToArray())
        {
            text.AppendLine(Text(log));
        }

        return text.ToString();
    }
}
