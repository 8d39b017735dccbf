using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Reports;

/// <summary>
/// A turn of the report flow costs the same whatever else is stored: it reads and writes its own conversation's state
/// and nothing shared, however many drafts other people have abandoned.
/// </summary>
public sealed class LeanTurnTests : IDisposable
{
    private readonly RecordingStorage _storage = new(new MemoryStorage());
    private readonly BotApplicationFactory _factory;
    private readonly HttpClient _client;

    public LeanTurnTests()
    {
        _factory = new BotApplicationFactory
        {
            ConfigureServicesForTest = services => services.AddKeyedSingleton<IStorage>(BotFrameworkServiceCollectionExtensions.StorageProviderKey, _storage),
        };
        _client = _factory.CreateClient();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_report_flow_turn_reads_its_own_conversation_once_and_writes_it_at_most_once_and_nothing_else()
    {
        var chat = new ChatDriver(_client, "a:lean-one");
        await chat.WalkToFactsAsync();

        var turns = await RecordTurnsAsync(chat, "a:lean-one");

        foreach (var turn in turns)
        {
            Assert.Equal(["read msteams/conversations/a:lean-one"], turn.Where(op => op.StartsWith("read", StringComparison.Ordinal)).Select(Key));
            Assert.All(turn.Where(op => op.StartsWith("write", StringComparison.Ordinal)).Select(Key), key => Assert.Equal("write msteams/conversations/a:lean-one", key));
            Assert.True(turn.Count(op => op.StartsWith("write", StringComparison.Ordinal)) <= 1);
            Assert.DoesNotContain(turn, op => op.StartsWith("list", StringComparison.Ordinal) || op.StartsWith("delete", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_thousand_abandoned_drafts_change_nothing_a_turn_reads_or_writes()
    {
        var first = new ChatDriver(_client, "a:lean-before");
        await first.WalkToFactsAsync();
        var before = await RecordTurnsAsync(first, "a:lean-before");

        var drafts = _factory.Services.GetRequiredService<OpenDrafts>();
        for (var i = 0; i < 1000; i++)
        {
            var id = $"a:gone-{i:D4}";
            await drafts.TrackAsync(new ConversationReference { Conversation = new ConversationAccount { Id = id }, ServiceUrl = "https://smba.trafficmanager.net/uk/" }, DateTimeOffset.UtcNow.AddDays(-3));
        }

        var second = new ChatDriver(_client, "a:lean-after_");
        await second.WalkToFactsAsync();
        var after = await RecordTurnsAsync(second, "a:lean-after_");

        Assert.Equal(Normalise(before, "a:lean-before"), Normalise(after, "a:lean-after_"));
    }

    /// <summary>
    /// Sending is one write of everything the report is: the report, the note of the draft it came from (so a second
    /// send makes no second report), its outbox entry, its case and the case's open marker. Besides it, the turn takes
    /// the next number and saves the conversation.
    /// </summary>
    [Fact]
    public async Task Sending_stores_the_report_with_what_queues_it_in_one_write()
    {
        var chat = new ChatDriver(_client, "a:lean-send");
        await chat.WalkToChildrenAsync();
        await chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "A.B.", ["age"] = "14" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await chat.WalkToReviewAsync();
        _storage.WriteCalls.Clear();

        await chat.ClickAsync("Send to the DSL");

        Assert.Contains("SG-2026-0001", chat.LastText, StringComparison.Ordinal);
        var report = Assert.Single(_storage.WriteCalls, keys => keys.Contains("reports/SG-2026-0001"));
        Assert.Equal(["cases/SG-2026-0001", "cases/open/SG-2026-0001", "outbox/SG-2026-0001", "reports/SG-2026-0001"], report.Where(k => !k.StartsWith("reports/drafts/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Single(report, k => k.StartsWith("reports/drafts/", StringComparison.Ordinal));
    }

    /// <summary>Three turns of the flow from "What you know", each turn's storage operations with the bytes each moved.</summary>
    private async Task<List<List<string>>> RecordTurnsAsync(ChatDriver chat, string conversationId)
    {
        var turns = new List<List<string>>();
        async Task TurnAsync(Func<Task> act)
        {
            _storage.Operations.Clear();
            await act();
            turns.Add([.. _storage.Operations]);
        }

        await TurnAsync(() => chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = "He sent it round", ["found_out_date"] = "2026-11-20", ["found_out_time"] = "10:42" }));
        Assert.Contains("Children involved", chat.LastText, StringComparison.Ordinal);
        await TurnAsync(() => chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "A.B.", ["age"] = "14" }));
        await TurnAsync(() => chat.SayAsync("help"));
        Assert.All(turns, t => Assert.Contains(t, op => op.Contains(conversationId, StringComparison.Ordinal)));
        return turns;
    }

    private static string Key(string operation) => string.Join(' ', operation.Split(' ')[..2]);

    private static List<List<string>> Normalise(List<List<string>> turns, string conversationId) =>
        [.. turns.Select(t => t.Select(op => op.Replace(conversationId, "{conversation}", StringComparison.Ordinal)).ToList())];

    /// <summary>The provider's store with every operation noted as "verb key size" (the size rounded to 64 bytes: encryption pads).</summary>
    private sealed class RecordingStorage(IStorage inner) : IStorage
    {
        public ConcurrentQueue<string> Operations { get; } = new();

        /// <summary>The keys of each write, one entry per call.</summary>
        public ConcurrentQueue<IReadOnlyList<string>> WriteCalls { get; } = new();

        public async Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        {
            var items = await inner.ReadAsync(keys, cancellationToken);
            foreach (var key in keys)
            {
                Operations.Enqueue($"read {key} {(items.TryGetValue(key, out var item) ? Size(item) : 0)}");
            }

            return items;
        }

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
        {
            WriteCalls.Enqueue([.. changes.Keys]);
            foreach (var (key, item) in changes)
            {
                Operations.Enqueue($"write {key} {Size(item)}");
            }

            return inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
        {
            foreach (var key in keys)
            {
                Operations.Enqueue($"delete {key}");
            }

            return inner.DeleteAsync(keys, cancellationToken);
        }

        public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
        {
            var keys = await inner.ListKeysAsync(prefix, cancellationToken);
            Operations.Enqueue($"list {prefix} {keys.Count}");
            return keys;
        }

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);

        private static int Size(StoreItem item) => item.Document.ToJsonString().Length / 64;
    }
}
