using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Guidance.Retention;
using StaffGuideBot.Tests.Dsl;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Retention;

/// <summary>
/// The retention settings, on a controllable clock: a closed report recorded in the school's system goes 30 days later
/// and leaves nothing behind but the record of its purge; one never recorded is kept and its thread reminded weekly; a
/// legal hold stops any purge until released; an unsent draft is deleted after 14 days, its author warned the day before.
/// </summary>
public sealed class RetentionTests : IDisposable
{
    private const string Dsl = "aad-dsl-khan";
    private const string Thread = DslTestData.ChannelId + ";messageid=1001";
    private const string TypedWords = "he's got a pic *of me*";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_closed_report_recorded_in_the_schools_system_is_purged_30_days_later_and_nothing_of_it_is_left()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await CloseAsync(bot, reference, recorded: true);

        _clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await Retention(bot).RunAsync()).Purged);
        Assert.NotNull(await bot.Services.GetRequiredService<IReportStore>().FindAsync(reference));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await Retention(bot).RunAsync()).Purged);

        // The raw rows: no key names the report but its purge record, and no stored document (decrypted) holds anything
        // the reporter typed, the child's initials or the reference, but that record.
        var keys = RawKeys();
        Assert.Equal([$"audit/purges/{reference}"], keys.Where(k => k.Contains(reference, StringComparison.Ordinal)));
        var storage = bot.Services.GetRequiredService<IStorage>();
        var documents = await storage.ReadAsync(keys);
        Assert.Equal(keys.Count, documents.Count);
        foreach (var (key, item) in documents.Where(d => !d.Key.StartsWith("audit/purges/", StringComparison.Ordinal)))
        {
            var json = item.Document.ToJsonString();
            Assert.False(json.Contains(reference, StringComparison.Ordinal), $"{key} still names {reference}");
            Assert.False(json.Contains("J.B.", StringComparison.Ordinal), $"{key} still holds the child's initials");
            Assert.False(json.Contains("topless", StringComparison.Ordinal) || json.Contains("pic", StringComparison.Ordinal), $"{key} still holds what was typed");
        }

        var record = (await bot.Services.GetRequiredService<RetentionAudit>().FindPurgeAsync(reference))!;
        Assert.Equal(RetentionAudit.RecordedReason, record.Reason);
        Assert.Equal(_clock.GetUtcNow(), record.PurgedAt);
        Assert.DoesNotContain("J.B.", System.Text.Json.JsonSerializer.Serialize(record), StringComparison.Ordinal);
        Assert.Contains(bot.Logs, l => l.Contains($"Report {reference} purged", StringComparison.Ordinal));

        // Asked for in the channel, the reference is explained, not just unknown.
        var dsl = new ChatDriver(bot.CreateClient(), Thread);
        await dsl.SendAsync(FromChannel($"report {reference}", Dsl));
        Assert.Contains($"{reference} is no longer held by StaffGuideBot", dsl.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_30_days_count_from_the_later_of_closing_and_recording()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await RecordAsync(bot, reference);
        _clock.Advance(TimeSpan.FromDays(20));
        await CloseAsync(bot, reference, recorded: false);

        _clock.Advance(TimeSpan.FromDays(29));
        Assert.Equal(0, (await Retention(bot).RunAsync()).Purged);
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await Retention(bot).RunAsync()).Purged);
    }

    [Fact]
    public async Task A_case_that_cannot_be_read_holds_up_only_itself()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await CloseAsync(bot, reference, recorded: true);
        var chat = new ChatDriver(bot.CreateClient());
        await chat.WalkToChildrenAsync(TypedWords, "a pupil told me something");

        // A case stored by a faulty version, before the good one in the listing: it can't be read as a case.
        await bot.Services.GetRequiredService<IStorage>().WriteAsync(new Dictionary<string, StoreItem>
        {
            ["cases/SG-2026-0000"] = new(new System.Text.Json.Nodes.JsonObject { ["status"] = new System.Text.Json.Nodes.JsonObject() }, StoreItem.AnyETag),
        });

        _clock.Advance(TimeSpan.FromDays(30));
        var pass = await Retention(bot).RunAsync();

        Assert.Equal(1, pass.Purged);
        Assert.Equal(1, pass.DraftsPurged);
        Assert.Null(await Cases(bot).FindAsync(reference));
        Assert.Contains(bot.Logs, l => l.Contains("Retention for report SG-2026-0000 failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_report_is_never_purged_even_when_recorded()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await RecordAsync(bot, reference);

        _clock.Advance(TimeSpan.FromDays(45));
        var pass = await Retention(bot).RunAsync();

        Assert.Equal(0, pass.Purged);
        Assert.Equal(0, pass.Reminded);
        Assert.NotNull(await bot.Services.GetRequiredService<CaseStore>().FindAsync(reference));
    }

    [Fact]
    public async Task A_closed_report_never_marked_recorded_is_kept_and_its_thread_reminded_once_a_week()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await CloseAsync(bot, reference, recorded: false);

        _clock.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, (await Retention(bot).RunAsync()).Reminded);
        Assert.Empty(ThreadPosts(bot));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await Retention(bot).RunAsync()).Reminded);
        Assert.Equal(0, (await Retention(bot).RunAsync()).Reminded);
        var reminder = Assert.Single(ThreadPosts(bot));
        Assert.Contains($"{reference} is closed, but nobody has marked it as recorded", reminder.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("J.B.", reminder.Text, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, (await Retention(bot).RunAsync()).Reminded);
        Assert.Equal(2, ThreadPosts(bot).Count);

        _clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(0, (await Retention(bot).RunAsync()).Purged);
        var reportCase = (await bot.Services.GetRequiredService<CaseStore>().FindAsync(reference))!;
        Assert.Equal(3, reportCase.History.Count(e => e.Kind == CaseEventKind.UnrecordedReminder));
    }

    [Fact]
    public async Task A_reminder_that_could_not_be_posted_is_tried_again_at_the_next_pass()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await CloseAsync(bot, reference, recorded: false);
        bot.Connector.Setup(c => c.SendToConversationAsync(DslTestData.DslServiceUrl, Thread, It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new BotFramework.Connector.ConnectorException(502, "BadGateway", "down"));

        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(0, (await Retention(bot).RunAsync()).Reminded);
        Assert.Null((await bot.Services.GetRequiredService<CaseStore>().FindAsync(reference))!.UnrecordedRemindedAt);

        bot.Connector.Setup(c => c.SendToConversationAsync(DslTestData.DslServiceUrl, Thread, It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("sent-2"));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, (await Retention(bot).RunAsync()).Reminded);
    }

    [Fact]
    public async Task A_legal_hold_stops_the_purge_until_someone_on_the_roster_releases_it()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await CloseAsync(bot, reference, recorded: true);
        var dsl = new ChatDriver(bot.CreateClient(), Thread);

        await dsl.SendAsync(FromChannel($"hold {reference}", Dsl));
        Assert.Contains("Please say why it must be kept", dsl.LastText, StringComparison.Ordinal);
        Assert.Null((await Cases(bot).FindAsync(reference))!.Hold);

        await dsl.SendAsync(FromChannel($"hold {reference} Police investigation (Op. Elm)", Dsl));
        Assert.Contains($"{reference} is now on legal hold", dsl.LastText, StringComparison.Ordinal);
        var held = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal("Police investigation (Op. Elm)", held.Hold!.Reason);
        Assert.Equal(Dsl, held.Hold.By.AadObjectId);
        Assert.Equal("Police investigation (Op. Elm)", held.History.Single(e => e.Kind == CaseEventKind.LegalHold).Detail);

        await dsl.SendAsync(FromChannel($"hold {reference} again", Dsl));
        Assert.Contains("is already on legal hold", dsl.LastText, StringComparison.Ordinal);
        Assert.Single((await Cases(bot).FindAsync(reference))!.History, e => e.Kind == CaseEventKind.LegalHold);

        _clock.Advance(TimeSpan.FromDays(45));
        var pass = await Retention(bot).RunAsync();
        Assert.Equal(0, pass.Purged);
        Assert.Equal(0, pass.Reminded);
        Assert.NotNull(await bot.Services.GetRequiredService<IReportStore>().FindAsync(reference));

        // Someone in the channel but off the roster can't lift it.
        await dsl.SendAsync(FromChannel($"release {reference}", "aad-someone"));
        Assert.Contains("Only people on the", dsl.LastText, StringComparison.Ordinal);
        Assert.NotNull((await Cases(bot).FindAsync(reference))!.Hold);

        await dsl.SendAsync(FromChannel($"release {reference}", Dsl));
        Assert.Contains("is no longer on legal hold", dsl.LastText, StringComparison.Ordinal);
        Assert.Single((await Cases(bot).FindAsync(reference))!.History, e => e.Kind == CaseEventKind.HoldReleased);
        await dsl.SendAsync(FromChannel($"release {reference}", Dsl));
        Assert.Contains("isn't on legal hold", dsl.LastText, StringComparison.Ordinal);

        Assert.Equal(1, (await Retention(bot).RunAsync()).Purged);
    }

    [Fact]
    public async Task A_hold_placed_after_the_pass_read_the_cases_still_stops_the_purge_and_none_is_taken_once_it_began()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        await CloseAsync(bot, reference, recorded: true);
        _clock.Advance(TimeSpan.FromDays(31));
        var now = _clock.GetUtcNow();
        var retention = Retention(bot);
        var purge = bot.Services.GetRequiredService<ReportPurge>();

        // The pass read the case before the hold: it decides again on the case as stored.
        var readByThePass = (await Cases(bot).FindAsync(reference))!;
        Assert.True(retention.PurgeDueAt(readByThePass) <= now);
        await Cases(bot).UpdateAsync(reference, c => c.Hold = new LegalHold { By = new Person { AadObjectId = Dsl }, At = now, Reason = "police" });
        Assert.False(await purge.PurgeIfDueAsync(reference, c => retention.PurgeDueAt(c) <= now, RetentionAudit.RecordedReason, now));
        Assert.NotNull(await bot.Services.GetRequiredService<IReportStore>().FindAsync(reference));
        Assert.Null(await bot.Services.GetRequiredService<RetentionAudit>().FindPurgeAsync(reference));

        // Once a purge has begun (the case marked with its ETag), a hold asked for is refused and says so.
        await Cases(bot).UpdateAsync(reference, c =>
        {
            c.Hold = null;
            c.PurgingSince = now;
        });
        var dsl = new ChatDriver(bot.CreateClient(), Thread);
        await dsl.SendAsync(FromChannel($"hold {reference} police", Dsl));
        Assert.DoesNotContain("is now on legal hold", dsl.LastText, StringComparison.Ordinal);
        Assert.Null((await Cases(bot).FindAsync(reference))!.Hold);

        // The next pass finishes the purge it began.
        Assert.Equal(1, (await retention.RunAsync()).Purged);
        Assert.Null(await Cases(bot).FindAsync(reference));
    }

    [Fact]
    public async Task A_hold_or_release_on_a_report_purged_while_it_was_asked_for_says_it_is_gone_not_done()
    {
        Func<FaultyStorage>? storage = null;
        await using var bot = Start(s => storage = s);
        var reference = await SendAndDeliverAsync(bot);
        var dsl = new ChatDriver(bot.CreateClient(), Thread);
        var due = _clock.GetUtcNow();

        // The retention pass of another instance purges the report just as the hold is about to be written.
        storage!().BeforeWrite = async (keys, _) =>
        {
            if (keys.Contains($"cases/{reference}"))
            {
                storage().BeforeWrite = null;
                await Cases(bot).UpdateAsync(reference, c => c.Status = CaseStatus.Closed);
                Assert.True(await bot.Services.GetRequiredService<ReportPurge>().PurgeIfDueAsync(reference, _ => true, RetentionAudit.RecordedReason, due));
            }
        };
        await dsl.SendAsync(FromChannel($"hold {reference} police asked us to keep it", Dsl));

        Assert.DoesNotContain("on hold", dsl.LastText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"{reference} is no longer held by StaffGuideBot", dsl.LastText, StringComparison.Ordinal);
        Assert.Null(await Cases(bot).FindAsync(reference));

        await dsl.SendAsync(FromChannel($"release {reference}", Dsl));
        Assert.Contains($"{reference} is no longer held by StaffGuideBot", dsl.LastText, StringComparison.Ordinal);
        Assert.Null(await Cases(bot).FindAsync(reference));
    }

    [Fact]
    public async Task Hold_is_refused_off_the_roster_and_outside_the_dsl_channel_and_changes_nothing()
    {
        await using var bot = Start();
        var reference = await SendAndDeliverAsync(bot);
        var dsl = new ChatDriver(bot.CreateClient(), Thread);

        await dsl.SendAsync(FromChannel($"hold {reference} because", "aad-someone"));
        Assert.Contains("Only people on the", dsl.LastText, StringComparison.Ordinal);

        var personal = new ChatDriver(bot.CreateClient(), "a:personal-dsl");
        var typed = Activities.Message($"hold {reference} because", "a:personal-dsl");
        typed.From!.AadObjectId = Dsl;
        await personal.SendAsync(typed);
        Assert.DoesNotContain("legal hold", personal.LastText, StringComparison.Ordinal);

        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.Null(reportCase.Hold);
        Assert.DoesNotContain(reportCase.History, e => e.Kind == CaseEventKind.LegalHold);
    }

    [Fact]
    public async Task An_unsent_draft_is_deleted_after_14_days_and_its_author_is_warned_the_day_before_and_told()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await chat.WalkToChildrenAsync(TypedWords, "a pupil told me something");

        _clock.Advance(TimeSpan.FromDays(13) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await Retention(bot).RunAsync()).DraftsWarned);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await Retention(bot).RunAsync()).DraftsWarned);
        Assert.Equal(0, (await Retention(bot).RunAsync()).DraftsWarned);
        var warning = Assert.Single(ChatPosts(bot), a => a.Text?.Contains("will be deleted on", StringComparison.Ordinal) == true);
        Assert.Contains("Drafts that are never sent are deleted after 14 days, so this one will be deleted on Friday 4 December 2026 at 10:", warning.Text, StringComparison.Ordinal);
        Assert.Contains(ChatPosts(bot), a => a.Attachments?.Count == 1);

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await Retention(bot).RunAsync()).DraftsPurged);
        Assert.Contains(ChatPosts(bot), a => a.Text?.Contains("has now been deleted, because it wasn't sent within 14 days", StringComparison.Ordinal) == true);

        // Nothing of the draft is left: not in the conversation's state, not among the open drafts.
        foreach (var (key, item) in await bot.Services.GetRequiredService<IStorage>().ReadAsync(RawKeys()))
        {
            Assert.False(item.Document.ToJsonString().Contains("pic", StringComparison.Ordinal), $"{key} still holds what was typed");
        }

        Assert.DoesNotContain(RawKeys(), k => k.StartsWith("drafts/open/", StringComparison.Ordinal));
        var purged = Assert.Single(await bot.Services.GetRequiredService<RetentionAudit>().ListDraftPurgesAsync());
        Assert.Equal("abandoned", purged["reason"]!.GetValue<string>());
        Assert.Equal(0, (await Retention(bot).RunAsync()).DraftsPurged);

        // The staff member's next message starts afresh: no draft is offered back.
        await chat.SayAsync("hello");
        Assert.DoesNotContain("Carry on with it", chat.LastButtons);
    }

    [Fact]
    public async Task A_draft_whose_deletion_could_not_be_saved_stays_listed_and_is_deleted_at_the_next_pass()
    {
        Func<FaultyStorage>? storage = null;
        await using var bot = Start(s => storage = s);
        var chat = new ChatDriver(bot.CreateClient());
        await chat.WalkToChildrenAsync(TypedWords, "a pupil told me something");

        // The disk is full just when the purge's turn saves the conversation: the draft is still there, so the pass
        // must not count it, nor forget it, nor tell its author it was deleted.
        _clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        storage!().FailWritesTo = key => key.Contains("/conversations/", StringComparison.Ordinal);
        Assert.Equal(0, (await Retention(bot).RunAsync()).DraftsPurged);
        storage().FailWritesTo = null;

        Assert.Contains(RawKeys(), k => k.StartsWith("drafts/open/", StringComparison.Ordinal));
        Assert.DoesNotContain(ChatPosts(bot), a => a.Text?.Contains("has now been deleted", StringComparison.Ordinal) == true);

        // The next pass deletes it, tells the author once, and leaves nothing of it.
        Assert.Equal(1, (await Retention(bot).RunAsync()).DraftsPurged);
        Assert.Single(ChatPosts(bot), a => a.Text?.Contains("has now been deleted", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(RawKeys(), k => k.StartsWith("drafts/open/", StringComparison.Ordinal));
        foreach (var (key, item) in await bot.Services.GetRequiredService<IStorage>().ReadAsync(RawKeys()))
        {
            Assert.False(item.Document.ToJsonString().Contains("pic", StringComparison.Ordinal), $"{key} still holds what was typed");
        }

        Assert.NotEmpty(await bot.Services.GetRequiredService<RetentionAudit>().ListDraftPurgesAsync());
    }

    [Fact]
    public async Task A_draft_carried_on_after_its_warning_is_kept_for_another_14_days()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient());
        await chat.WalkToFactsAsync();

        _clock.Advance(TimeSpan.FromDays(13));
        Assert.Equal(1, (await Retention(bot).RunAsync()).DraftsWarned);

        await chat.SayAsync("hello");
        await chat.ClickAsync("Carry on with it");
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = "He sent it round", ["found_out_date"] = "2026-12-03" });

        _clock.Advance(TimeSpan.FromDays(2));
        var pass = await Retention(bot).RunAsync();
        Assert.Equal(0, pass.DraftsPurged);
        Assert.Equal(0, pass.DraftsWarned);
        await chat.SayAsync("hello");
        Assert.Contains("Carry on with it", chat.LastButtons);
    }

    [Fact]
    public async Task Find_lists_the_references_whose_people_match_for_the_roster_only_and_keeps_who_searched_not_the_words()
    {
        await using var bot = Start();
        var store = bot.Services.GetRequiredService<IReportStore>();
        var first = await SendAndDeliverAsync(bot);
        var second = DslTestData.NewReport(await store.NextReferenceAsync(2026), _clock.GetUtcNow());
        second.Answers["children"] = new System.Text.Json.Nodes.JsonArray { new System.Text.Json.Nodes.JsonObject { ["name"] = "Jamie Smith" } };
        await store.SaveAsync(second);
        await Cases(bot).CreateAsync(new ReportCase { Reference = second.Reference, Status = CaseStatus.Delivered });
        var dsl = new ChatDriver(bot.CreateClient(), Thread);

        await dsl.SendAsync(FromChannel("find JB", Dsl));
        Assert.Contains($"(1): {first}.", dsl.LastText, StringComparison.Ordinal);

        await dsl.SendAsync(FromChannel("find J.S.", Dsl));
        Assert.Contains($"(1): {second.Reference}.", dsl.LastText, StringComparison.Ordinal);

        await dsl.SendAsync(FromChannel("find smith", Dsl));
        Assert.Contains($"(1): {second.Reference}.", dsl.LastText, StringComparison.Ordinal);

        // A report flagged as an allegation is never shown in the DSL channel, whatever series its number is in.
        var numbered = DslTestData.NewReport(await store.NextReferenceAsync(2026), _clock.GetUtcNow());
        var asAllegation = System.Text.Json.JsonSerializer.SerializeToNode(numbered, BotJson.Options)!.AsObject();
        asAllegation["allegation"] = true;
        asAllegation["answers"]!["children"]![0]!["name"] = "Jamie Smith";
        var allegation = asAllegation.Deserialize<Report>(BotJson.Options)!;
        Assert.True(allegation.Allegation);
        await store.SaveAsync(allegation);
        await dsl.SendAsync(FromChannel("find smith", Dsl));
        Assert.DoesNotContain(allegation.Reference, dsl.LastText, StringComparison.Ordinal);

        await dsl.SendAsync(FromChannel("find Robin Taylor", Dsl));
        Assert.Contains("No report still held by StaffGuideBot names anyone matching that", dsl.LastText, StringComparison.Ordinal);

        await dsl.SendAsync(FromChannel("find smith", "aad-someone"));
        Assert.Contains("Only people on the", dsl.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Reference, dsl.LastText, StringComparison.Ordinal);

        var searches = await bot.Services.GetRequiredService<RetentionAudit>().ListSearchesAsync();
        Assert.Equal(5, searches.Count);
        Assert.All(searches, s => Assert.Equal(Dsl, s["by"]!["aadObjectId"]!.GetValue<string>()));
        var found = searches.Select(s => string.Join(",", s["found"]!.AsArray().Select(r => r!.GetValue<string>()))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { string.Empty, first, second.Reference, second.Reference, second.Reference }.Order(StringComparer.Ordinal), found);
        Assert.All(searches, s => Assert.DoesNotMatch("(?i)smith|robin|taylor|jb|j\\.s", s.ToJsonString().Replace(first, string.Empty, StringComparison.Ordinal).Replace(second.Reference, string.Empty, StringComparison.Ordinal)));
        Assert.DoesNotContain(bot.Logs, l => l.Contains("Robin", StringComparison.Ordinal) || l.Contains("smith", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Jamie", "Jamie Smith", true)]
    [InlineData("jamie smith", "Jamie Smith (Y8)", true)]
    [InlineData("JS", "Jamie Smith", true)]
    [InlineData("J S", "J.S.", true)]
    [InlineData("Jamie Smith", "JS", true)]
    [InlineData("Jamie Smith", "Smith Jamie", false)]
    [InlineData("Sam", "Samira", false)]
    [InlineData("JT", "Jamie Smith", false)]
    [InlineData("...", "Jamie Smith", false)]
    public void A_name_matches_its_words_in_order_and_its_initials(string searched, string written, bool matches) =>
        Assert.Equal(matches, ReportSearch.Matches(ReportSearch.Words(searched), ReportSearch.Words(written)));

    [Theory]
    [InlineData("Retention:AfterRecorded", "01:00:00", "Retention:AfterRecorded must be at least one day")]
    [InlineData("Retention:AbandonedDraftsAfter", "00:00:00", "Retention:AbandonedDraftsAfter must be at least one day")]
    [InlineData("Retention:DraftWarningBefore", "20.00:00:00", "Retention:DraftWarningBefore must be positive and shorter than AbandonedDraftsAfter")]
    [InlineData("Retention:UnrecordedReminderEvery", "00:05:00", "Retention:UnrecordedReminderEvery must be at least one hour")]
    public void A_retention_setting_that_would_delete_too_soon_is_refused(string key, string value, string problem)
    {
        var options = new RetentionOptions();
        var property = typeof(RetentionOptions).GetProperty(key.Split(':')[1])!;
        property.SetValue(options, TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        var result = new RetentionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new RetentionOptionsValidator().Validate(null, new RetentionOptions()).Succeeded);
    }

    private BotApplicationFactory Start(Action<Func<FaultyStorage>>? faulty = null)
    {
        var bot = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
            ["Dsl:ChannelId"] = DslTestData.ChannelId,
            ["Dsl:TeamId"] = DslTestData.TeamId,
            ["Dsl:ServiceUrl"] = DslTestData.DslServiceUrl,
            ["Dsl:Roster:0"] = Dsl,
        })
        {
            Clock = _clock,
            ConfigureServicesForTest = services =>
            {
                services.RemoveReportLoops(); // the tests run the passes
                if (faulty is not null)
                {
                    faulty(FaultyStorage.Install(services));
                }
            },
        };
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = Thread, ActivityId = "1001", ServiceUrl = DslTestData.DslServiceUrl });
        bot.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, Activity _, CancellationToken _) => new ResourceResponse(id));
        return bot;
    }

    private static Activity FromChannel(string text, string aadObjectId) =>
        Activities.ChannelMessage(text, DslTestData.ChannelId, aadObjectId, DslTestData.TeamId);

    private static RetentionService Retention(BotApplicationFactory bot) => bot.Services.GetRequiredService<RetentionService>();

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    /// <summary>A whole report through the staff chat, delivered to the DSL channel; its reference.</summary>
    private static async Task<string> SendAndDeliverAsync(BotApplicationFactory bot)
    {
        var chat = new ChatDriver(bot.CreateClient());
        await DslTestData.SendWholeReportAsync(chat);
        var reference = Regex.Match(chat.LastText, @"SG-\d{4}-\d{4}").Value;
        await bot.Services.GetRequiredService<DslDelivery>().DeliverDueAsync();
        Assert.Equal(CaseStatus.Delivered, (await Cases(bot).FindAsync(reference))!.Status);
        return reference;
    }

    private Task<ReportCase?> RecordAsync(BotApplicationFactory bot, string reference) =>
        Cases(bot).UpdateAsync(reference, c =>
        {
            var by = new Person { Name = "Sam Khan", AadObjectId = Dsl };
            c.RecordedInSchoolSystem = new SchoolRecord { By = by, At = _clock.GetUtcNow(), Where = "CPOMS" };
            c.Record(CaseEventKind.RecordedInSchoolSystem, _clock.GetUtcNow(), by, "CPOMS");
        });

    private async Task CloseAsync(BotApplicationFactory bot, string reference, bool recorded)
    {
        if (recorded)
        {
            await RecordAsync(bot, reference);
        }

        await Cases(bot).UpdateAsync(reference, c =>
        {
            c.Status = CaseStatus.Closed;
            c.Record(CaseEventKind.Closed, _clock.GetUtcNow(), new Person { Name = "Sam Khan", AadObjectId = Dsl });
        });
    }

    /// <summary>Every key in the SQLite file itself, read with SQL rather than through the bot's storage.</summary>
    private List<string> RawKeys()
    {
        using var connection = new SqliteConnection($"Data Source={_folder.Combine("state.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM items ORDER BY key";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static List<Activity> ThreadPosts(BotApplicationFactory bot) =>
        bot.Connector.Invocations.Where(i => i.Method.Name == "SendToConversationAsync" && (string)i.Arguments[1]! == Thread)
            .Select(i => (Activity)i.Arguments[2]!)
            .ToList();

    private static List<Activity> ChatPosts(BotApplicationFactory bot) =>
        bot.Connector.Invocations.Where(i => i.Method.Name == "SendToConversationAsync" && (string)i.Arguments[1]! == "a:personal-flow")
            .Select(i => (Activity)i.Arguments[2]!)
            .ToList();
}
