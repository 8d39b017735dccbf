using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>
/// Two bot instances on one PostgreSQL database, as a trust or local authority would run them behind a load
/// balancer: 200 reports handed off through both, one instance killed part-way through delivering and started again.
/// Every report's card reaches the DSL channel exactly once, every reporter hears once, no reminder goes out twice,
/// nothing is lost.
/// </summary>
public sealed partial class TwoInstancesTests : IDisposable
{
    private const int Reports = 200;

    private readonly PostgresTestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly Channel _channel = new();

    public void Dispose() => _database.Dispose();

    [SkippableFact]
    public async Task Two_hundred_reports_over_two_instances_one_killed_mid_delivery_each_card_is_posted_once_and_no_reminder_twice()
    {
        var one = Start("one");
        await using var two = Start("two");

        // Reports come in through both instances at once (the reference counter is the one shared hot key).
        var references = await Task.WhenAll(Enumerable.Range(0, Reports).Select(i => Task.Run(() => DslTestData.HandOffAsync(i % 2 == 0 ? one.Bot : two.Bot, _clock.GetUtcNow()))));
        Assert.Equal(Reports, references.Distinct().Count());

        // Both deliver at once; instance one dies just after the 40th card it puts up, before it can record it.
        one.DieAfterCards(40);
        await Task.WhenAll(Delivery(one.Bot).DeliverDueAsync(), Delivery(two.Bot).DeliverDueAsync());
        Assert.True(one.Dead);
        await one.DisposeAsync();

        // What the dead instance held stays claimed until its claims run out; then a new instance and the survivor finish.
        await Delivery(two.Bot).DeliverDueAsync();
        _clock.Advance(ReportDelivery.ClaimFor + TimeSpan.FromSeconds(1));
        await using var restarted = Start("one-again");
        for (var pass = 0; pass < 5 && (await Outbox(two.Bot).PendingAsync()).Count > 0; pass++)
        {
            await Task.WhenAll(Delivery(restarted.Bot).DeliverDueAsync(), Delivery(two.Bot).DeliverDueAsync());
        }

        Assert.Empty(await Outbox(two.Bot).PendingAsync());
        foreach (var reference in references)
        {
            Assert.Equal(CaseStatus.Delivered, (await Cases(restarted.Bot).FindAsync(reference))!.Status);
            // The card went up on exactly one thread (a root written twice is the same message, updated in place).
            Assert.Single(_channel.ThreadsWithCard(reference));
        }

        Assert.Equal(Reports, _channel.ToldReporter);

        // Unacknowledged: both instances check for reminders at once, twice; each report gets each reminder once.
        _clock.Advance(TimeSpan.FromMinutes(16));
        await Task.WhenAll(Reminders(restarted.Bot).RemindDueAsync(), Reminders(two.Bot).RemindDueAsync());
        _clock.Advance(TimeSpan.FromMinutes(15));
        await Task.WhenAll(Reminders(two.Bot).RemindDueAsync(), Reminders(restarted.Bot).RemindDueAsync());

        foreach (var reference in references)
        {
            Assert.Equal(2, _channel.Reminders(reference));
            Assert.Equal(2, (await Cases(two.Bot).FindAsync(reference))!.Reminders);
        }
    }

    private Instance Start(string name)
    {
        var instance = new Instance(name, _channel);
        instance.Bot = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:PostgresConnectionString"] = _database.ConnectionString,
            ["Dsl:ChannelId"] = DslTestData.ChannelId,
            ["Dsl:TeamId"] = DslTestData.TeamId,
            ["Dsl:ServiceUrl"] = DslTestData.DslServiceUrl,
            ["Dsl:Roster:0"] = "aad-dsl-khan",
            ["Dsl:AcknowledgeWithin"] = "00:15:00",
        })
        {
            Clock = _clock,
            ConfigureServicesForTest = services =>
            {
                // The test runs the passes itself, on both instances at once.
                services.RemoveHostedLoop<DslDelivery>();
                services.RemoveHostedLoop<DslReminderService>();
                services.RemoveHostedLoop<DraftReminderService>();
                var storage = services.Last(d => d.ServiceType == typeof(IStorage));
                services.Remove(storage);
                services.AddSingleton<IStorage>(sp => new DyingStorage((IStorage)storage.ImplementationFactory!(sp), instance));
            },
        };
        instance.Wire();
        _ = instance.Bot.Services;
        return instance;
    }

    private static DslDelivery Delivery(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslDelivery>();

    private static DslReminderService Reminders(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslReminderService>();

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static DslOutbox Outbox(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslOutbox>();

    [GeneratedRegex(@"SG-\d{4}-\d{4}")]
    private static partial Regex ReferencePattern();

    /// <summary>One bot instance: its host, its connector wired to the shared channel, and the switch that kills it.</summary>
    private sealed class Instance(string name, Channel channel) : IAsyncDisposable
    {
        private int _cardsUntilDeath = int.MaxValue;

        public BotApplicationFactory Bot { get; set; } = null!;

        /// <summary>Once true, nothing more of this instance reaches storage or Teams: the process is gone.</summary>
        public bool Dead { get; private set; }

        public void DieAfterCards(int cards) => _cardsUntilDeath = cards;

        public void Wire()
        {
            Bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
                .Returns((string _, ConversationParameters p, CancellationToken _) => Dead
                    ? throw new HttpRequestException("dead")
                    : Task.FromResult(channel.NewThread(ReferencePattern().Match(BotJson.Serialize(p.Activity!)).Value, name)));
            Bot.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
                .Returns((string _, string thread, string id, Activity activity, CancellationToken _) =>
                {
                    if (Dead)
                    {
                        throw new HttpRequestException("dead");
                    }

                    channel.Card(thread, ReferencePattern().Match(BotJson.Serialize(activity)).Value);
                    if (Interlocked.Decrement(ref _cardsUntilDeath) == 0)
                    {
                        // The card is up in Teams; the process dies before it can write that down.
                        Dead = true;
                    }

                    return Task.FromResult(new ResourceResponse(id));
                });
            Bot.Connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
                .Returns((string _, string conversation, Activity activity, CancellationToken _) =>
                {
                    if (Dead)
                    {
                        throw new HttpRequestException("dead");
                    }

                    channel.Message(conversation, activity.Text ?? string.Empty);
                    return Task.FromResult(new ResourceResponse("m-" + Guid.NewGuid().ToString("N")));
                });
        }

        public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
    }

    /// <summary>The DSL channel and the reporters' chats as Teams would hold them, shared by every instance.</summary>
    private sealed class Channel
    {
        private readonly ConcurrentDictionary<string, string> _threads = new();
        private readonly ConcurrentBag<(string Thread, string Reference)> _cards = [];
        private readonly ConcurrentBag<(string Conversation, string Text)> _messages = [];
        private int _next;

        public int ToldReporter => _messages.Count(m => !m.Conversation.StartsWith(DslTestData.ChannelId, StringComparison.Ordinal) && m.Text.Contains("has now reached the DSL", StringComparison.Ordinal));

        public ConversationResourceResponse NewThread(string reference, string by)
        {
            var id = $"{Interlocked.Increment(ref _next)}{by}";
            _threads[DslTestData.ThreadOf(id)] = reference;
            return new ConversationResourceResponse { Id = DslTestData.ThreadOf(id), ActivityId = id, ServiceUrl = DslTestData.DslServiceUrl };
        }

        public void Card(string thread, string reference)
        {
            Assert.Equal(_threads[thread], reference);
            _cards.Add((thread, reference));
        }

        public void Message(string conversation, string text) => _messages.Add((conversation, text));

        public List<string> ThreadsWithCard(string reference) => [.. _cards.Where(c => c.Reference == reference).Select(c => c.Thread).Distinct()];

        public int Reminders(string reference) =>
            _messages.Count(m => _threads.TryGetValue(m.Conversation, out var r) && r == reference && m.Text.Contains(reference, StringComparison.Ordinal));
    }

    /// <summary>The instance's store: once it is dead, no write or delete gets through.</summary>
    private sealed class DyingStorage(IStorage inner, Instance instance) : IStorage
    {
        public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.ReadAsync(keys, cancellationToken);

        public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
            instance.Dead ? throw new IOException("The process is gone.") : inner.WriteAsync(changes, cancellationToken);

        public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
            instance.Dead ? throw new IOException("The process is gone.") : inner.DeleteAsync(keys, cancellationToken);

        public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) => inner.ListKeysAsync(prefix, cancellationToken);

        public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) => inner.IncrementAsync(key, floor, cancellationToken);

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);
    }
}
