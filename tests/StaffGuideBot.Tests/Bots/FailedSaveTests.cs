using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Bots;

/// <summary>When the state can't be saved (a full disk, storage down), the user is told and shown the same step; nothing is lost.</summary>
public sealed class FailedSaveTests : IDisposable
{
    private const string ConversationId = "a:failed-save";

    private readonly FlakyStorage _storage = new();
    private readonly BotApplicationFactory _factory;
    private readonly HttpClient _client;
    private readonly ChatDriver _chat;

    public FailedSaveTests()
    {
        _factory = new BotApplicationFactory
        {
            // The store under everything the bot adds (encryption, health tracking), as a real provider would be.
            ConfigureServicesForTest = services => services.AddKeyedSingleton<IStorage>(BotFrameworkServiceCollectionExtensions.StorageProviderKey, _storage),
        };
        _client = _factory.CreateClient();
        _chat = new ChatDriver(_client, ConversationId);
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task An_answer_whose_save_fails_is_not_followed_by_the_next_question_the_user_is_told_and_can_give_it_again()
    {
        var answer = new Dictionary<string, string> { ["what_was_said"] = "He sent it round", ["found_out_date"] = "2026-11-20" };
        await _chat.WalkToFactsAsync();

        _storage.FailWrites = true;
        await _chat.ClickAsync("Next", answer);

        Assert.Contains("wasn't saved", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("What you know", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Children involved", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("He sent it round", await StoredConversationAsync(), StringComparison.Ordinal);

        _storage.FailWrites = false;
        await _chat.ClickAsync("Next", answer);

        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("He sent it round", await StoredConversationAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Send stores the report before the turn saves the conversation: when only that last save fails, the user is told
    /// it wasn't saved and presses Send again, which must give the same report, not a second one.
    /// </summary>
    [Fact]
    public async Task Sending_again_after_the_conversation_could_not_be_saved_gives_the_same_report_not_a_second()
    {
        await _chat.WalkToChildrenAsync();
        await _chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();

        _storage.FailWritesTo = key => key.StartsWith("msteams/conversations/", StringComparison.Ordinal);
        await _chat.ClickAsync("Send to the DSL");
        Assert.Contains("wasn't saved", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing from it has been kept", _chat.LastText, StringComparison.Ordinal);

        _storage.FailWritesTo = null;
        await _chat.ClickAsync("Send to the DSL");

        Assert.Contains("SG-2026-0001", _chat.LastText, StringComparison.Ordinal);
        var reports = _factory.Services.GetRequiredService<StaffGuideBot.Guidance.Reports.IReportStore>();
        Assert.NotNull(await reports.FindAsync("SG-2026-0001"));
        Assert.Null(await reports.FindAsync("SG-2026-0002"));
        Assert.Null(await reports.FindAsync("SG-2026-0003"));
    }

    [Fact]
    public async Task Health_reports_storage_not_ready_while_writes_fail_and_ready_again_when_they_succeed()
    {
        await _chat.SayAsync("hello");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        _storage.FailWrites = true;
        await _chat.ClickAsync("Report a concern now");
        var failing = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
        Assert.Equal("unavailable", JsonNode.Parse(await failing.Content.ReadAsStringAsync())!["storage"]!.GetValue<string>());
        Assert.Contains("wasn't saved", _chat.LastText, StringComparison.Ordinal);
        var notReady = await _client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        var checks = JsonNode.Parse(await notReady.Content.ReadAsStringAsync())!;
        Assert.Equal("Unhealthy", checks["status"]!.GetValue<string>());
        Assert.Equal("Unhealthy", checks["checks"]!["storage"]!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/healthz/live", UriKind.Relative))).StatusCode);

        _storage.FailWrites = false;
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/healthz/ready", UriKind.Relative))).StatusCode);
    }

    private async Task<string> StoredConversationAsync()
    {
        var stored = await _factory.Services.GetRequiredService<IStorage>().ReadAsync([$"msteams/conversations/{ConversationId}"]);
        return stored.Values.Single().Document.ToJsonString();
    }

    /// <summary>Memory storage whose writes and deletes fail, as a full disk's would, while <see cref="FailWrites"/> is set.</summary>
    private sealed class FlakyStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public bool FailWrites { get; set; }

        /// <summary>When set, only writes and deletes of the keys it matches fail.</summary>
        public Func<string, bool>? FailWritesTo { get; set; }

        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
            Fails(changes.Keys) ? throw new IOException("No space left on device") : _inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            Fails(keys) ? throw new IOException("No space left on device") : _inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListKeysAsync(prefix, cancellationToken);

        private bool Fails(IEnumerable<string> keys) => FailWrites || (FailWritesTo is { } matches && keys.Any(matches));

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => _inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _inner.IsReadyAsync(cancellationToken);
    }
}
