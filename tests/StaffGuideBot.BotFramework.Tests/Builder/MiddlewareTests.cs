using Microsoft.Extensions.Caching.Memory;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.BotFramework.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.Builder;

public class MiddlewareTests
{
    [Fact]
    public async Task A_redelivered_activity_does_not_run_the_bot_twice()
    {
        var adapter = new TestAdapter();
        adapter.Use(new DeduplicationMiddleware(new MemoryCache(new MemoryCacheOptions())));
        var runs = 0;
        var activity = adapter.MakeMessage("hello");

        await adapter.ProcessAsync(activity, (_, _) => { runs++; return Task.CompletedTask; });
        await adapter.ProcessAsync(activity, (_, _) => { runs++; return Task.CompletedTask; });

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task The_same_activity_id_in_another_conversation_is_not_a_duplicate()
    {
        var adapter = new TestAdapter();
        adapter.Use(new DeduplicationMiddleware(new MemoryCache(new MemoryCacheOptions())));
        var runs = 0;
        var first = adapter.MakeMessage("hello");
        adapter.ConversationId = "other";
        var second = adapter.MakeMessage("hello");
        second.Id = first.Id;

        await adapter.ProcessAsync(first, (_, _) => { runs++; return Task.CompletedTask; });
        await adapter.ProcessAsync(second, (_, _) => { runs++; return Task.CompletedTask; });

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_duplicate_is_let_through_again_once_the_window_has_passed()
    {
        var clock = new ManualClock();
        var adapter = new TestAdapter();
        adapter.Use(new DeduplicationMiddleware(new MemoryCache(new MemoryCacheOptions { Clock = clock }), TimeSpan.FromMinutes(10)));
        var runs = 0;
        var activity = adapter.MakeMessage("hello");

        await adapter.ProcessAsync(activity, (_, _) => { runs++; return Task.CompletedTask; });
        clock.UtcNow = clock.UtcNow.AddMinutes(11);
        await adapter.ProcessAsync(activity, (_, _) => { runs++; return Task.CompletedTask; });

        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_duplicate_invoke_is_answered_200_without_running_the_bot()
    {
        var adapter = new TestAdapter();
        var dedupe = new DeduplicationMiddleware(new MemoryCache(new MemoryCacheOptions()));
        var invoke = adapter.MakeMessage();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "adaptiveCard/action";
        var first = new TurnContext(adapter, invoke);
        var second = new TurnContext(adapter, invoke);

        await dedupe.OnTurnAsync(first, _ => Task.CompletedTask);
        await dedupe.OnTurnAsync(second, _ => throw new InvalidOperationException("the bot must not run for a duplicate"));

        Assert.False(DeduplicationMiddleware.WasDuplicate(first));
        Assert.True(DeduplicationMiddleware.WasDuplicate(second));
        Assert.Equal(200, second.TurnState.Get<InvokeResponse>(BotAdapter.InvokeResponseKey)!.Status);
    }

    [Fact]
    public async Task Turns_of_one_conversation_never_overlap()
    {
        var serialization = new ConversationSerializationMiddleware();
        var adapter = new TestAdapter();
        adapter.Use(serialization);
        var inside = 0;
        var maxInside = 0;
        var gate = new object();

        async Task TurnAsync(ITurnContext ctx, CancellationToken ct)
        {
            lock (gate)
            {
                inside++;
                maxInside = Math.Max(maxInside, inside);
            }

            await Task.Yield();
            await Task.Delay(2, ct);
            lock (gate)
            {
                inside--;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => adapter.ProcessAsync(adapter.MakeMessage("click"), TurnAsync))));

        Assert.Equal(1, maxInside);
        Assert.Equal(0, serialization.ActiveConversations);
    }

    [Fact(Timeout = 10_000)]
    public async Task Turns_of_different_conversations_run_side_by_side()
    {
        var adapter = new TestAdapter();
        adapter.Use(new ConversationSerializationMiddleware());
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstFinished = false;
        bool? firstStillInsideWhenSecondRan = null;

        var a = adapter.MakeMessage("a");
        adapter.ConversationId = "conv-2";
        var b = adapter.MakeMessage("b");

        var first = adapter.ProcessAsync(a, async (_, _) => { firstStarted.SetResult(); await release.Task; firstFinished = true; });
        await firstStarted.Task;
        // If conversations were serialised together this would deadlock (the first turn waits for the second): the timeout fails the test.
        await adapter.ProcessAsync(b, (_, _) => { firstStillInsideWhenSecondRan = !Volatile.Read(ref firstFinished); release.SetResult(); return Task.CompletedTask; });
        await first;

        Assert.True(firstStillInsideWhenSecondRan, "the second conversation's turn should run while the first conversation's turn is still inside");
        Assert.True(firstFinished);
    }

    [Fact]
    public async Task Two_quick_clicks_on_the_same_state_both_count()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var adapter = new TestAdapter();
        adapter.Use(new ConversationSerializationMiddleware());
        adapter.Use(new AutoSaveStateMiddleware(state));
        var counter = state.CreateProperty<int>("clicks");

        async Task ClickAsync(ITurnContext ctx, CancellationToken ct)
        {
            var n = await counter.GetAsync(ctx, () => 0, ct);
            await Task.Yield();
            await counter.SetAsync(ctx, n + 1, ct);
        }

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => adapter.ProcessAsync(adapter.MakeMessage("click"), ClickAsync))));

        var check = new TurnContext(adapter, adapter.MakeMessage("check"));
        Assert.Equal(10, await new ConversationState(storage).CreateProperty<int>("clicks").GetAsync(check));
    }

    [Fact]
    public async Task A_failed_turn_leaves_stored_state_as_it_was_and_the_error_handler_runs()
    {
        var storage = new MemoryStorage();
        var state = new ConversationState(storage);
        var adapter = new TestAdapter();
        adapter.Use(new AutoSaveStateMiddleware(state));
        Exception? seen = null;
        adapter.OnTurnError = (_, ex) => { seen = ex; return Task.CompletedTask; };

        await adapter.ProcessAsync(adapter.MakeMessage("x"), async (ctx, ct) =>
        {
            await state.CreateProperty<string>("half").SetAsync(ctx, "written", ct);
            throw new InvalidOperationException("boom");
        });

        Assert.IsType<InvalidOperationException>(seen);
        Assert.Empty(await storage.ReadAsync(["test/conversations/conv-1"]));
    }

    [Fact]
    public async Task A_turns_replies_go_out_only_after_its_state_is_saved()
    {
        var adapter = new TestAdapter();
        var storage = new SwitchableStorage();
        var sentBeforeTheWrite = -1;
        storage.BeforeWrite = () => sentBeforeTheWrite = adapter.Sent.Count;
        var state = new ConversationState(storage);
        adapter.Use(new AutoSaveStateMiddleware(state));

        var sent = await adapter.ProcessAsync(adapter.MakeMessage("answer"), async (ctx, ct) =>
        {
            await state.CreateProperty<string>("step").SetAsync(ctx, "two", ct);
            await ctx.SendActivityAsync("question two", ct);
        });

        Assert.Equal(0, sentBeforeTheWrite);
        Assert.Equal(["question two"], sent.Select(a => a.Text));
    }

    [Fact]
    public async Task When_the_state_cannot_be_saved_the_turns_replies_are_dropped_and_the_save_failure_handler_answers_instead()
    {
        var adapter = new TestAdapter();
        var storage = new SwitchableStorage { FailWrites = true };
        var state = new ConversationState(storage);
        Exception? seen = null;
        adapter.Use(new AutoSaveStateMiddleware(state)
        {
            OnSaveFailed = async (ctx, ex, ct) =>
            {
                seen = ex;
                await ctx.SendActivityAsync("not saved", ct);
            },
        });
        adapter.OnTurnError = (ctx, _) => ctx.SendActivityAsync("something went wrong");

        var sent = await adapter.ProcessAsync(adapter.MakeMessage("answer"), async (ctx, ct) =>
        {
            await state.CreateProperty<string>("step").SetAsync(ctx, "two", ct);
            await ctx.SendActivityAsync("question two", ct);
        });

        Assert.Equal(["not saved"], sent.Select(a => a.Text));
        Assert.IsType<StorageUnavailableException>(seen);
    }

    [Fact]
    public async Task A_proactive_turn_whose_state_cannot_be_saved_throws_to_its_caller_and_sends_nothing()
    {
        var adapter = new TestAdapter();
        var storage = new SwitchableStorage { FailWrites = true };
        var state = new ConversationState(storage);
        var answered = false;
        adapter.Use(new AutoSaveStateMiddleware(state) { OnSaveFailed = (_, _, _) => Task.FromResult(answered = true) });
        var reference = new ConversationReference
        {
            ChannelId = Channels.Test,
            ServiceUrl = "https://test.example/",
            Conversation = new ConversationAccount { Id = adapter.ConversationId },
            Bot = new ChannelAccount { Id = "bot" },
        };

        // The code that started the turn (deleting a draft, say) must learn that the deletion was not kept.
        await Assert.ThrowsAsync<StorageUnavailableException>(() => adapter.ProcessAsync(reference.GetContinuationActivity(), async (ctx, ct) =>
        {
            await state.CreateProperty<string>("draft").DeleteAsync(ctx, ct);
            await state.CreateProperty<string>("step").SetAsync(ctx, "gone", ct);
            await ctx.SendActivityAsync("your draft has been deleted", ct);
        }));

        Assert.Empty(adapter.Sent);
        Assert.False(answered);
    }

    [Fact]
    public async Task A_storage_write_that_fails_during_the_turn_counts_as_a_failed_save()
    {
        var adapter = new TestAdapter();
        var storage = new SwitchableStorage { FailWrites = true };
        var state = new ConversationState(storage);
        adapter.Use(new AutoSaveStateMiddleware(state) { OnSaveFailed = (ctx, _, ct) => ctx.SendActivityAsync("not saved", ct) });

        var sent = await adapter.ProcessAsync(adapter.MakeMessage("answer"), async (ctx, ct) =>
        {
            await ctx.SendActivityAsync("question two", ct);
            await storage.WriteAsync(new Dictionary<string, StoreItem> { ["index"] = new(new System.Text.Json.Nodes.JsonObject(), StoreItem.AnyETag) }, ct);
        });

        Assert.Equal(["not saved"], sent.Select(a => a.Text));
    }

    [Fact]
    public async Task A_turn_that_throws_sends_none_of_its_held_replies_only_the_apology()
    {
        var adapter = new TestAdapter();
        var state = new ConversationState(new MemoryStorage());
        adapter.Use(new AutoSaveStateMiddleware(state));
        adapter.OnTurnError = (ctx, _) => ctx.SendActivityAsync("something went wrong");

        var sent = await adapter.ProcessAsync(adapter.MakeMessage("answer"), async (ctx, ct) =>
        {
            await ctx.SendActivityAsync("question two", ct);
            throw new InvalidOperationException("boom");
        });

        Assert.Equal(["something went wrong"], sent.Select(a => a.Text));
    }

    /// <summary>Memory storage whose writes fail (as a full disk's would) while <see cref="FailWrites"/> is set.</summary>
    private sealed class SwitchableStorage : IStorage
    {
        private readonly MemoryStorage _inner = new();

        public bool FailWrites { get; set; }

        public Action? BeforeWrite { get; set; }

        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => _inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
        {
            BeforeWrite?.Invoke();
            return FailWrites ? throw new StorageUnavailableException(new IOException("No space left on device")) : _inner.WriteAsync(changes, cancellationToken);
        }

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            FailWrites ? throw new StorageUnavailableException(new IOException("No space left on device")) : _inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => _inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _inner.IsReadyAsync(cancellationToken);
    }

    private sealed class ManualClock : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow { get; set; } = DateTimeOffset.UtcNow;
    }
}
