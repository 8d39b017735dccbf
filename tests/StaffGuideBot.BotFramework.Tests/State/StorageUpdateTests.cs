using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Tests.State;

/// <summary><see cref="StorageExtensions.UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/>: the one read-modify-write with ETags.</summary>
public sealed class StorageUpdateTests
{
    private static readonly Polly.ResiliencePipeline NoWait = StorageExtensions.ConflictRetry(maxAttempts: 4, firstDelay: TimeSpan.Zero);

    [Fact]
    public async Task A_missing_item_is_created()
    {
        var storage = new CountingStorage(new MemoryStorage());

        var written = await storage.UpdateAsync("k", stored => new JsonObject { ["n"] = (stored?["n"]?.GetValue<int>() ?? 0) + 1 });

        Assert.Equal(1, written!["n"]!.GetValue<int>());
        Assert.Equal(1, (await storage.ReadAsync(["k"]))["k"].Document["n"]!.GetValue<int>());
        Assert.Equal([StoreItem.CreateOnly], storage.WrittenETags);
    }

    [Fact]
    public async Task A_conflict_is_read_again_and_the_change_applied_to_the_newer_item()
    {
        var inner = new MemoryStorage();
        await inner.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["seen"] = new JsonArray("first") }) });
        var storage = new InterferingStorage(inner, interferences: 1);
        var calls = 0;

        var written = await storage.UpdateAsync("k", stored =>
        {
            calls++;
            stored!["seen"]!.AsArray().Add("mine");
            return stored;
        }, NoWait);

        Assert.Equal(2, calls);
        var stored = (await inner.ReadAsync(["k"]))["k"].Document;
        Assert.Equal(["first", "theirs", "mine"], stored["seen"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(stored.ToJsonString(), written!.ToJsonString());
    }

    [Fact]
    public async Task Someone_else_creating_the_item_meanwhile_is_not_overwritten()
    {
        var inner = new MemoryStorage();
        var storage = new InterferingStorage(inner, interferences: 1);

        await storage.UpdateAsync("k", stored =>
        {
            var document = stored ?? new JsonObject { ["seen"] = new JsonArray() };
            document["seen"]!.AsArray().Add("mine");
            return document;
        }, NoWait);

        var seen = (await inner.ReadAsync(["k"]))["k"].Document["seen"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["theirs", "mine"], seen);
    }

    [Fact]
    public async Task When_every_attempt_conflicts_the_change_is_reported_not_saved()
    {
        var inner = new MemoryStorage();
        await inner.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["seen"] = new JsonArray("first") }) });
        var storage = new InterferingStorage(inner, interferences: int.MaxValue);
        var calls = 0;

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => storage.UpdateAsync("k", stored =>
        {
            calls++;
            stored!["seen"]!.AsArray().Add("mine");
            return stored;
        }, NoWait));

        Assert.Equal(4, calls);
        Assert.IsType<StorageConcurrencyException>(failure.InnerException);
        Assert.Contains("4 attempts", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mine", (await inner.ReadAsync(["k"]))["k"].Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_written_when_the_change_returns_null()
    {
        var storage = new CountingStorage(new MemoryStorage());
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 1 }) });
        var before = (await storage.ReadAsync(["k"]))["k"].ETag;
        storage.WrittenETags.Clear();

        var onExisting = await storage.UpdateAsync("k", _ => null);
        var onMissing = await storage.UpdateAsync("missing", _ => null);

        Assert.Null(onExisting);
        Assert.Null(onMissing);
        Assert.Empty(storage.WrittenETags);
        Assert.Equal(before, (await storage.ReadAsync(["k"]))["k"].ETag);
        Assert.False((await storage.ReadAsync(["missing"])).ContainsKey("missing"));
    }

    [Fact]
    public async Task A_typed_item_is_read_changed_and_written_back_and_a_null_change_writes_nothing()
    {
        var storage = new CountingStorage(new MemoryStorage());

        var created = await storage.UpdateAsync<Counter>("c", counter => new Counter { Count = (counter?.Count ?? 0) + 1 });
        var changed = await storage.UpdateAsync<Counter>("c", counter => counter! with { Count = counter.Count + 1 });
        var untouched = await storage.UpdateAsync<Counter>("missing", counter => counter);

        Assert.Equal(1, created!.Count);
        Assert.Equal(2, changed!.Count);
        Assert.Null(untouched);
        Assert.Equal(2, storage.WrittenETags.Count);
        Assert.Equal(2, (await storage.ReadAsync(["c"]))["c"].Document["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Concurrent_updates_never_lose_a_change()
    {
        var storage = new MemoryStorage();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await storage.UpdateAsync("counter", stored => new JsonObject { ["n"] = (stored?["n"]?.GetValue<int>() ?? 0) + 1 });
            }
        })));

        Assert.Equal(100, (await storage.ReadAsync(["counter"]))["counter"].Document["n"]!.GetValue<int>());
    }

    [Fact]
    public void The_retry_needs_at_least_one_attempt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StorageExtensions.ConflictRetry(maxAttempts: 0));
    }

    private sealed record Counter
    {
        public int Count { get; init; }
    }

    /// <summary>Records the ETag of every item written.</summary>
    private sealed class CountingStorage(IStorage inner) : IStorage
    {
        public List<string?> WrittenETags { get; } = [];

        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
        {
            WrittenETags.AddRange(changes.Values.Select(c => c.ETag));
            return inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
    }

    /// <summary>Before each of the first <paramref name="interferences"/> writes, someone else adds "theirs" to the item (creating it if need be).</summary>
    private sealed class InterferingStorage(IStorage inner, int interferences) : IStorage
    {
        private int _left = interferences;

        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(keys, cancellationToken);

        public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
        {
            if (_left-- > 0)
            {
                foreach (var key in changes.Keys)
                {
                    var items = await inner.ReadAsync([key], cancellationToken);
                    var theirs = items.TryGetValue(key, out var item) ? item.Document : new JsonObject { ["seen"] = new JsonArray() };
                    theirs["seen"]!.AsArray().Add("theirs");
                    await inner.WriteAsync(new Dictionary<string, StoreItem> { [key] = new(theirs, StoreItem.AnyETag) }, cancellationToken);
                }
            }

            await inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
    }
}
