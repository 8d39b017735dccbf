using Moq;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.BotFramework.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.State;

public class BotStateTests
{
    private sealed class Draft
    {
        public string? Name { get; set; }

        public List<int> Ages { get; set; } = [];
    }

    [Fact]
    public async Task Changes_to_an_object_read_through_an_accessor_are_saved()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();

        await RunAsync(adapter, storage, async (state, ctx) =>
        {
            var draft = await state.CreateProperty<Draft>("draft").GetAsync(ctx, () => new Draft());
            draft!.Name = "first";
            draft.Ages.Add(14);
        });

        await RunAsync(adapter, storage, async (state, ctx) =>
        {
            var draft = await state.CreateProperty<Draft>("draft").GetAsync(ctx);
            Assert.Equal("first", draft!.Name);
            Assert.Equal([14], draft.Ages);
        });
    }

    [Fact]
    public async Task State_is_per_conversation()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        await RunAsync(adapter, storage, (state, ctx) => state.CreateProperty<string>("x").SetAsync(ctx, "one"));

        adapter.ConversationId = "another";
        await RunAsync(adapter, storage, async (state, ctx) => Assert.Null(await state.CreateProperty<string>("x").GetAsync(ctx)));
    }

    [Fact]
    public async Task An_unchanged_state_is_not_written_again()
    {
        var storage = new Moq.Mock<IStorage>();
        storage.Setup(s => s.ReadAsync(Moq.It.IsAny<IReadOnlyCollection<string>>(), Moq.It.IsAny<CancellationToken>()))
            .ReturnsAsync((IDictionary<string, StoreItem>)new Dictionary<string, StoreItem>());
        var adapter = new TestAdapter();

        await RunAsync(adapter, storage.Object, async (state, ctx) => await state.CreateProperty<Draft>("draft").GetAsync(ctx));

        storage.Verify(s => s.WriteAsync(Moq.It.IsAny<IReadOnlyDictionary<string, StoreItem>>(), Moq.It.IsAny<CancellationToken>()), Moq.Times.Never);
    }

    [Fact]
    public async Task Two_turns_that_both_change_state_from_the_same_version_cannot_both_win()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        await RunAsync(adapter, storage, (state, ctx) => state.CreateProperty<int>("n").SetAsync(ctx, 1));

        var stateA = new ConversationState(storage);
        var stateB = new ConversationState(storage);
        var turnA = new TurnContext(adapter, adapter.MakeMessage("a"));
        var turnB = new TurnContext(adapter, adapter.MakeMessage("b"));
        await stateA.CreateProperty<int>("n").SetAsync(turnA, 2);
        await stateB.CreateProperty<int>("n").SetAsync(turnB, 3);

        await stateA.SaveChangesAsync(turnA);
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => stateB.SaveChangesAsync(turnB));
        await RunAsync(adapter, storage, async (state, ctx) => Assert.Equal(2, await state.CreateProperty<int>("n").GetAsync(ctx)));
    }

    /// <summary>State not stored yet is created, not overwritten: a null ETag would let the second first turn win.</summary>
    [Fact]
    public async Task Two_first_turns_of_a_conversation_cannot_both_win()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        var stateA = new ConversationState(storage);
        var stateB = new ConversationState(storage);
        var turnA = new TurnContext(adapter, adapter.MakeMessage("a"));
        var turnB = new TurnContext(adapter, adapter.MakeMessage("b"));
        await stateA.CreateProperty<int>("n").SetAsync(turnA, 2);
        await stateB.CreateProperty<int>("n").SetAsync(turnB, 3);

        await stateA.SaveChangesAsync(turnA);
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => stateB.SaveChangesAsync(turnB));
        await RunAsync(adapter, storage, async (state, ctx) => Assert.Equal(2, await state.CreateProperty<int>("n").GetAsync(ctx)));
    }

    [Fact]
    public async Task Deleting_and_clearing_remove_values()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        await RunAsync(adapter, storage, async (state, ctx) =>
        {
            await state.CreateProperty<string>("a").SetAsync(ctx, "1");
            await state.CreateProperty<string>("b").SetAsync(ctx, "2");
        });

        await RunAsync(adapter, storage, (state, ctx) => state.CreateProperty<string>("a").DeleteAsync(ctx));
        await RunAsync(adapter, storage, async (state, ctx) =>
        {
            Assert.Null(await state.CreateProperty<string>("a").GetAsync(ctx));
            Assert.Equal("2", await state.CreateProperty<string>("b").GetAsync(ctx));
            await state.ClearStateAsync(ctx);
        });
        await RunAsync(adapter, storage, async (state, ctx) => Assert.Null(await state.CreateProperty<string>("b").GetAsync(ctx)));
    }

    [Fact]
    public async Task User_state_follows_the_user_across_conversations()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        var users = new UserState(storage);
        var first = new TurnContext(adapter, adapter.MakeMessage("x"));
        await users.CreateProperty<string>("pref").SetAsync(first, "large text");
        await users.SaveChangesAsync(first);

        adapter.ConversationId = "elsewhere";
        var second = new TurnContext(adapter, adapter.MakeMessage("y"));

        Assert.Equal("large text", await new UserState(storage).CreateProperty<string>("pref").GetAsync(second));
    }

    private static async Task RunAsync(TestAdapter adapter, IStorage storage, Func<ConversationState, ITurnContext, Task> body)
    {
        var state = new ConversationState(storage);
        var context = new TurnContext(adapter, adapter.MakeMessage("hi"));
        await body(state, context);
        await state.SaveChangesAsync(context);
    }

    public sealed class DraftWithDate
    {
        public string Id { get; set; } = "d1";

        public DateTimeOffset StartedAt { get; set; } = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// A property not read this turn is written back exactly as stored (a date's "+" and all), so a turn that changes
    /// nothing writes nothing whichever properties it read: an extra write could clash with the same user's next turn.
    /// </summary>
    [Fact]
    public async Task A_turn_that_changes_nothing_writes_nothing_whichever_properties_it_read()
    {
        var storage = new MemoryStorage();
        var adapter = new TestAdapter();
        var state = new ConversationState(storage);
        var first = new TurnContext(adapter, adapter.MakeMessage("start"));
        await state.CreateProperty<DraftWithDate>("draft").GetAsync(first, () => new DraftWithDate());
        await state.CreateProperty<int>("turns").SetAsync(first, 1);
        await state.SaveChangesAsync(first);
        var key = (await storage.ListKeysAsync(string.Empty)).Single();
        var before = (await storage.ReadAsync([key]))[key];

        state = new ConversationState(storage);
        var second = new TurnContext(adapter, adapter.MakeMessage("nothing"));
        Assert.Equal(1, await state.CreateProperty<int>("turns").GetAsync(second));
        await state.SaveChangesAsync(second);
        state = new ConversationState(storage);
        var third = new TurnContext(adapter, adapter.MakeMessage("read the draft"));
        Assert.Equal("d1", (await state.CreateProperty<DraftWithDate>("draft").GetAsync(third))!.Id);
        await state.SaveChangesAsync(third);

        var after = (await storage.ReadAsync([key]))[key];
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(before.StoredJson, after.StoredJson);
    }
}
