using Microsoft.Extensions.Caching.Memory;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.BotFramework.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.Builder;

/// <summary>
/// Two instances behind a load balancer, one store: a redelivery that reaches the other instance is still dropped,
/// because the ids handled are kept in the conversation's state and saved with the turn.
/// </summary>
public sealed class DeduplicationAcrossInstancesTests
{
    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task A_redelivery_to_another_instance_does_not_run_the_bot_again()
    {
        var (one, _) = Instance();
        var (two, _) = Instance();
        var runs = 0;
        var activity = one.MakeMessage("hello");

        await one.ProcessAsync(activity, Count);
        await two.ProcessAsync(activity, Count);

        Assert.Equal(1, runs);

        Task Count(ITurnContext turn, CancellationToken ct)
        {
            runs++;
            return turn.SendActivityAsync("answer", ct);
        }
    }

    [Fact]
    public async Task A_turn_whose_state_was_not_saved_is_not_remembered_so_its_redelivery_runs()
    {
        var (one, oneFails) = Instance(failSaves: true);
        var (two, _) = Instance();
        var runs = 0;
        var activity = one.MakeMessage("hello");

        await one.ProcessAsync(activity, (_, _) => { runs++; return Task.CompletedTask; });
        await two.ProcessAsync(activity, (_, _) => { runs++; return Task.CompletedTask; });

        Assert.Equal(2, runs);
        Assert.Single(oneFails);
    }

    [Fact]
    public async Task When_two_instances_run_the_same_delivery_at_once_the_second_is_dropped_silently_not_reported_as_a_failed_save()
    {
        var (one, oneFails) = Instance();
        var (two, twoFails) = Instance();
        var activity = one.MakeMessage("hello");
        var bothLoaded = new Barrier(2);
        var state = new ConversationState(_storage);
        var answers = state.CreateProperty<int>("answers");

        async Task RunAsync(TestAdapter adapter) => await adapter.ProcessAsync(activity, async (turn, ct) =>
        {
            await answers.SetAsync(turn, await answers.GetAsync(turn, () => 0, ct) + 1, ct);
            // Both have read the state before either saves: the later save conflicts.
            await Task.Run(() => bothLoaded.SignalAndWait(TimeSpan.FromSeconds(10)), ct);
            await turn.SendActivityAsync("answer", ct);
        });

        await Task.WhenAll(Task.Run(() => RunAsync(one)), Task.Run(() => RunAsync(two)));

        Assert.Equal(1, one.Sent.Count(a => a.Text == "answer") + two.Sent.Count(a => a.Text == "answer"));
        Assert.Equal(0, oneFails.Count + twoFails.Count);
        Assert.Equal(1, (await _storage.ReadAsync(["test/conversations/conv-1"]))["test/conversations/conv-1"].Document["answers"]!.GetValue<int>());
    }

    /// <summary>An instance: its own adapter, cache and middleware on the shared store, as the host wires them.</summary>
    private (TestAdapter Adapter, List<Exception> FailedSaves) Instance(bool failSaves = false)
    {
        var storage = failSaves ? new FailingWrites(_storage) : (IStorage)_storage;
        var state = new ConversationState(storage);
        var deduplication = new DeduplicationMiddleware(new MemoryCache(new MemoryCacheOptions()), state: state);
        var failed = new List<Exception>();
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state)
        {
            OnSaveFailed = (_, ex, _) =>
            {
                failed.Add(ex);
                return Task.CompletedTask;
            },
            HandledElsewhere = deduplication.WasHandledElsewhereAsync,
        });
        adapter.Use(deduplication);
        return (adapter, failed);
    }

    private sealed class FailingWrites(IStorage inner) : IStorage
    {
        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) => throw new StorageUnavailableException("disk full");

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
    }
}
