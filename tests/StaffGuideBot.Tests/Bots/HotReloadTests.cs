using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Flow;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Bots;

/// <summary>
/// The running bot watches its content folder (a copy of the England pack in a temporary folder): valid edits go
/// live for new conversations, drafts finish on the version they started with, broken edits are refused with the
/// last good version kept, the admins told once, and the problems shown by /healthz and "content status".
/// </summary>
public sealed class HotReloadTests : IDisposable
{
    private const string Admin = "aad-content-admin";
    private const string Channel = "19:dsl@thread.tacv2";
    private const string OldMenuTitle = "Worried about nude or semi-nude images?";
    private const string NewMenuTitle = "Worried about an image a pupil told you about?";

    /// <summary>Long enough for a slow CI machine; the tests wait for an outcome, they don't measure time.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));

    private readonly TempDirectory _folder = new();

    public HotReloadTests()
    {
        var england = Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");
        Directory.CreateDirectory(_folder.Combine("dialogs", "england"));
        foreach (var file in Directory.GetFiles(england))
        {
            File.Copy(file, _folder.Combine("dialogs", "england", Path.GetFileName(file)));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    /// <summary>The one test that goes through the real folder watcher and the real clock (the others tell the watcher and move a fake clock).</summary>
    [Fact]
    public async Task A_valid_edit_goes_live_for_new_conversations()
    {
        await using var bot = Start(clock: TimeProvider.System);
        var before = Library(bot).Live.Version;
        var chat = new ChatDriver(bot.CreateClient(), "a:first");
        await chat.SayAsync("hello");
        Assert.Contains(OldMenuTitle, chat.LastText, StringComparison.Ordinal);

        Edit("texts.yaml", OldMenuTitle, NewMenuTitle);
        await WaitForAsync(bot, s => s.Live.Version != before);

        await chat.SayAsync("hello");
        Assert.Contains(NewMenuTitle, chat.LastText, StringComparison.Ordinal);
        Assert.Equal(ContentPackLoader.Load(_folder.Combine("dialogs", "england")).Version, Library(bot).Live.Version);
    }

    [Fact]
    public async Task A_change_is_loaded_once_the_folder_has_been_quiet_for_the_settle_time()
    {
        await using var bot = Start();
        var before = Library(bot).Live.Version;
        var almost = ContentWatcher.Settle - TimeSpan.FromMilliseconds(100);

        Edit("texts.yaml", OldMenuTitle, NewMenuTitle);
        bot.Services.GetRequiredService<ContentWatcher>().FilesChanged();
        _clock.Advance(almost);
        bot.Services.GetRequiredService<ContentWatcher>().FilesChanged(); // the editor writes again
        _clock.Advance(almost);

        // The first write's quiet time has passed, not the second's: nothing is loaded yet.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(before, Library(bot).Live.Version);

        _clock.Advance(ContentWatcher.Settle);
        await WaitForAsync(bot, s => s.Live.Version != before);
        Assert.Equal(ContentPackLoader.Load(_folder.Combine("dialogs", "england")).Version, Library(bot).Live.Version);
    }

    [Fact]
    public async Task A_draft_finishes_on_the_version_it_started_with_and_its_report_says_so()
    {
        await using var bot = Start();
        var v1 = Library(bot).Live.Version;
        var started = new ChatDriver(bot.CreateClient(), "a:started-before");
        await started.WalkToFactsAsync();

        Edit("flow.yaml", "title: \"Children involved\"", "title: \"Tell us about each child\"");
        Edit("texts.yaml", OldMenuTitle, NewMenuTitle);
        await SavedAsync(bot, s => s.Live.Version != v1);

        await started.ClickAsync("Next", Account);
        Assert.Contains("Children involved", started.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell us about each child", started.LastText, StringComparison.Ordinal);

        var fresh = new ChatDriver(bot.CreateClient(), "a:started-after");
        await fresh.SayAsync("I've heard something");
        Assert.Contains(NewMenuTitle, fresh.LastText, StringComparison.Ordinal);
        await fresh.ClickAsync("Report a concern now");
        await fresh.SayAsync("no, they told me");
        await fresh.ClickAsync("Next");
        await fresh.ClickAsync("I understand");
        await fresh.ClickAsync("Next", new Dictionary<string, string> { ["device_involved"] = "no", ["already_seen"] = "no" });
        await fresh.ClickAsync("Next", Account);
        Assert.Contains("Tell us about each child", fresh.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_edit_keeps_the_last_good_version_and_tells_each_admin_once_per_change()
    {
        await using var bot = Start();
        var good = Library(bot).Live.Version;

        Edit("flow.yaml", "type: acknowledge", "type: acknowlege");
        Edit("texts.yaml", OldMenuTitle, NewMenuTitle);
        await SavedAsync(bot, s => s.Pending is not null);

        var status = Library(bot).Status;
        Assert.Equal(good, status.Live.Version);
        var problem = Assert.Single(status.Pending!.Problems);
        Assert.Matches(@"^england/flow\.yaml:\d+:\d+: step 'images_warning' has unknown type 'acknowlege' \(did you mean 'acknowledge'\?\)", problem.ToString());

        var chat = new ChatDriver(bot.CreateClient(), "a:during-broken");
        await chat.SayAsync("hello");
        Assert.Contains(OldMenuTitle, chat.LastText, StringComparison.Ordinal);

        await WaitForAsync(bot, _ => ToldAdmin(bot).Count == 1);
        var told = Assert.Single(ToldAdmin(bot));
        Assert.Contains($"staff still see version **{good}**", told, StringComparison.Ordinal);
        Assert.Contains(problem.ToString(), told, StringComparison.Ordinal);

        // A different broken change is news; putting it right clears the pending problems.
        Edit("flow.yaml", "type: acknowlege", "type: acknowledg");
        await SavedAsync(bot, _ => ToldAdmin(bot).Count == 2);
        Edit("flow.yaml", "type: acknowledg", "type: acknowledge");
        await SavedAsync(bot, s => s.Pending is null && s.Live.Version != good);
        await chat.SayAsync("hello");
        Assert.Contains(NewMenuTitle, chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reload_that_fails_for_another_reason_leaves_the_bot_running_and_is_tried_again_on_the_next_save()
    {
        var storage = new FlakyStorage();
        await using var bot = Start(configure: services =>
        {
            services.RemoveAll<IStorage>();
            services.AddSingleton<IStorage>(storage);
        });
        var good = Library(bot).Live.Version;
        var client = bot.CreateClient();

        storage.Failing = true;
        Edit("texts.yaml", OldMenuTitle, NewMenuTitle);
        Saved(bot);
        using (var timeout = new CancellationTokenSource(Patience))
        {
            while (!bot.Logs.Any(l => l.Contains("The content could not be reloaded", StringComparison.Ordinal)))
            {
                await Task.Delay(50, timeout.Token);
            }
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(good, Library(bot).Live.Version);

        storage.Failing = false;
        Edit("texts.yaml", NewMenuTitle, NewMenuTitle + "!");
        await SavedAsync(bot, s => s.Live.Version != good);
        var chat = new ChatDriver(client, "a:after-failure");
        await chat.SayAsync("hello");
        Assert.Contains(NewMenuTitle + "!", chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_shows_the_live_version_when_it_loaded_and_pending_errors()
    {
        await using var bot = Start();
        var client = bot.CreateClient();
        var healthy = (await client.GetFromJsonAsync<JsonObject>("/healthz"))!["content"]!;
        Assert.Equal("england", healthy["pack"]!.GetValue<string>());
        Assert.Equal(Library(bot).Live.Version, healthy["version"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(healthy["loadedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Empty(healthy["pendingErrors"]!.AsArray());

        Edit("contacts.yaml", "url: \"https://www.childline.org.uk/\"", "url: \"www.childline.org.uk\"");
        await SavedAsync(bot, s => s.Pending is not null);

        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var content = (await response.Content.ReadFromJsonAsync<JsonObject>())!["content"]!;
        Assert.Equal(healthy["version"]!.GetValue<string>(), content["version"]!.GetValue<string>());
        var error = Assert.Single(content["pendingErrors"]!.AsArray())!.GetValue<string>();
        Assert.Matches(@"^england/contacts\.yaml:\d+:\d+: contact 'childline': 'url' 'www.childline.org.uk' is not a whole web address", error);

        var ready = (await client.GetFromJsonAsync<JsonObject>("/healthz/ready"))!;
        Assert.Equal("Degraded", ready["status"]!.GetValue<string>());
        Assert.Contains("content change was refused", ready["checks"]!["content"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_status_in_the_dsl_channel_is_for_content_admins_only()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient(), Channel + ";messageid=1");
        var version = Library(bot).Live.Version;

        await chat.SendAsync(Activities.ChannelMessage("<at>StaffGuideBot</at> content status", Channel, Admin));
        Assert.Contains($"Content pack **England**, version **{version}**, live since today at", chat.LastText, StringComparison.Ordinal);
        Assert.Contains("No changes are waiting", chat.LastText, StringComparison.Ordinal);

        Edit("texts.yaml", "dsl.note: \"Note\"", "dsl.note: \"\"");
        await SavedAsync(bot, s => s.Pending is not null);
        await chat.SendAsync(Activities.ChannelMessage("content status", Channel, Admin));
        Assert.Contains("**A newer change was refused**", chat.LastText, StringComparison.Ordinal);
        Assert.Matches(@"- england/texts\.yaml:\d+:\d+: texts.yaml has an empty 'dsl.note'", chat.LastText);

        await chat.SendAsync(Activities.ChannelMessage("content status", Channel, "aad-dsl-khan"));
        Assert.Contains("Only the bot's content admins", chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("texts.yaml", chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_a_draft_finishes_on_its_version_and_broken_files_fall_back_to_the_last_good_version()
    {
        string v1;
        List<Activity> seen;
        await using (var first = Start(sqlite: true))
        {
            v1 = Library(first).Live.Version;
            var before = new ChatDriver(first.CreateClient(), "a:across-restart");
            await before.WalkToFactsAsync();
            seen = before.Received;
        }

        // While the bot is down, the wording changes and is then broken.
        Edit("flow.yaml", "title: \"Children involved\"", "title: \"Tell us about each child\"");
        string v2;
        await using (var second = Start(sqlite: true))
        {
            v2 = Library(second).Live.Version;
            Assert.NotEqual(v1, v2);
            var chat = new ChatDriver(second.CreateClient(), "a:across-restart");
            chat.Received.AddRange(seen);
            await chat.ClickAsync("Next", Account);
            Assert.Contains("Children involved", chat.LastText, StringComparison.Ordinal);
            Assert.DoesNotContain("Tell us", chat.LastText, StringComparison.Ordinal);
            var draft = (await second.Services.GetRequiredService<BotFramework.State.IStorage>().ReadAsync(["msteams/conversations/a:across-restart"])).Values.Single();
            Assert.Contains(v1, draft.Document.ToJsonString(), StringComparison.Ordinal);
        }

        Edit("flow.yaml", "type: acknowledge", "type: acknowlege");
        await using var third = Start(sqlite: true);
        var status = Library(third).Status;
        Assert.Equal(v2, status.Live.Version);
        Assert.NotNull(status.Pending);
        var fresh = new ChatDriver(third.CreateClient(), "a:after-broken-restart");
        await fresh.SayAsync("hello");
        Assert.Contains(OldMenuTitle, fresh.LastText, StringComparison.Ordinal);
    }

    /// <summary>The answers of "What you know" when a child told you.</summary>
    private static readonly Dictionary<string, string> Account = new() { ["what_was_said"] = "He sent it round", ["found_out_date"] = "2026-11-20" };

    private static ContentLibrary Library(BotApplicationFactory bot) => bot.Services.GetRequiredService<ContentLibrary>();

    private void Edit(string file, string from, string to)
    {
        var path = _folder.Combine("dialogs", "england", file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>
    /// What the folder watcher does on a save, without waiting for it: tells the content watcher the files changed
    /// and lets the folder be quiet for the settle time on the fake clock, which starts the reload.
    /// </summary>
    private void Saved(BotApplicationFactory bot)
    {
        bot.Services.GetRequiredService<ContentWatcher>().FilesChanged();
        _clock.Advance(ContentWatcher.Settle);
    }

    /// <summary>
    /// As <see cref="Saved"/>, then waits for the reload's outcome. The real folder watcher also reports the save, at a
    /// moment of its own: when that lands while the fake clock moves, it sets the settle time again and the reload waits
    /// for the clock to move once more; so the clock is moved until the outcome is seen (a reload of unchanged files
    /// changes nothing).
    /// </summary>
    private async Task SavedAsync(BotApplicationFactory bot, Func<ContentStatus, bool> condition)
    {
        var library = Library(bot);
        using var timeout = new CancellationTokenSource(Patience);
        do
        {
            Saved(bot);
            await Task.Delay(50, timeout.Token);
        }
        while (!condition(library.Status));
    }

    private static async Task WaitForAsync(BotApplicationFactory bot, Func<ContentStatus, bool> condition)
    {
        var library = Library(bot);
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition(library.Status))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>What the content admin was sent in a 1:1 chat (the connector is a mock).</summary>
    private static List<string> ToldAdmin(BotApplicationFactory bot) =>
    [
        .. bot.Connector.Invocations
            .Where(i => i.Method.Name == nameof(BotFramework.Connector.IConnectorClient.SendToConversationAsync) && i.Arguments[1] is "a:admin-chat")
            .Select(i => (i.Arguments[2] as Activity)?.Text ?? string.Empty),
    ];

    private BotApplicationFactory Start(bool sqlite = false, Action<IServiceCollection>? configure = null, TimeProvider? clock = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Content:Folder"] = _folder.Combine("dialogs"),
            ["Content:Pack"] = "england",
            ["Content:Admins:0"] = Admin,
            ["Dsl:ChannelId"] = Channel,
            ["Dsl:ServiceUrl"] = Activities.ServiceUrl,
            ["Dsl:Roster:0"] = "aad-dsl-khan",
        };
        if (sqlite)
        {
            settings["Storage:Provider"] = "Sqlite";
            settings["Storage:SqlitePath"] = _folder.Combine("state.db");
        }

        var bot = new BotApplicationFactory(settings)
        {
            Clock = clock ?? _clock,
            ConfigureServicesForTest = services =>
            {
                configure?.Invoke(services);
            },
        };
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.Is<ConversationParameters>(p => p.Members!.Single().Id == Admin), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = "a:admin-chat" });
        return bot;
    }

    /// <summary>Memory storage whose writes of content snapshots fail while <see cref="Failing"/> is set.</summary>
    private sealed class FlakyStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public bool Failing { get; set; }

        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
            Failing && changes.Keys.Any(k => k.StartsWith("content/", StringComparison.Ordinal))
                ? throw new InvalidOperationException("storage is down")
                : _inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => _inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => _inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _inner.IsReadyAsync(cancellationToken);
    }
}
