using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>"@StaffGuideBot register this channel" when no DSL channel is configured.</summary>
public sealed class RegistrationTests : IDisposable
{
    private const string NewChannel = "19:dsl-new@thread.tacv2";
    private const string OldChannel = "19:dsl-old@thread.tacv2";
    private const string ThirdChannel = "19:dsl-third@thread.tacv2";
    private const string OldServiceUrl = "https://smba.trafficmanager.net/amer/";

    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_dsl_registers_the_channel_and_it_stays_registered_after_a_restart()
    {
        await using (var bot = Start())
        {
            var chat = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");
            await chat.SendAsync(InChannel("register this channel", "aad-dsl-khan"));
            Assert.Contains("New safeguarding reports will now be posted in this channel", chat.LastText, StringComparison.Ordinal);
            await chat.SendAsync(InChannel("open reports", "aad-dsl-khan"));
            Assert.Contains("Open reports", chat.LastText, StringComparison.Ordinal);
        }

        await using var restarted = Start();
        var again = new ChatDriver(restarted.CreateClient(), NewChannel + ";messageid=9");
        await again.SendAsync(InChannel("open reports", "aad-dsl-khan"));
        Assert.Contains("Open reports", again.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_off_the_roster_cannot_register_a_channel()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");

        await chat.SendAsync(InChannel("register this channel", "aad-someone"));
        Assert.Contains("Only people on the DSL team's list can do that", chat.LastText, StringComparison.Ordinal);
        // There is no report, so nothing was noted in a report's history and the answer must not say so.
        Assert.DoesNotContain("history", chat.LastText, StringComparison.Ordinal);
        await chat.SendAsync(InChannel("open reports", "aad-dsl-khan"));
        Assert.Contains("only be opened and worked on in the DSL team's channel", chat.LastText, StringComparison.Ordinal);
    }

    /// <summary>Channel data is written by the client on Web Chat and Direct Line: it alone never names a channel to register.</summary>
    [Theory]
    [InlineData("msteams", "a:personal-1")]
    [InlineData("webchat", NewChannel + ";messageid=9")]
    [InlineData("directline", "dl-conversation")]
    public async Task Only_a_message_in_the_Teams_channel_itself_registers_it(string channelId, string conversationId)
    {
        await using var bot = Start();
        var activity = InChannel("register this channel", "aad-dsl-khan");
        activity.ChannelId = channelId;
        activity.Conversation!.Id = conversationId;
        var chat = new ChatDriver(bot.CreateClient(), conversationId);

        await chat.SendAsync(activity);

        Assert.Null(await RegistrationAsync(bot));
        Assert.DoesNotContain("will now be posted in this channel", chat.LastText ?? string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Two first registrations at once (two DSLs, or two instances): the one stored first stands, the other is asked to confirm a move.</summary>
    [Fact]
    public async Task A_first_registration_never_overwrites_one_stored_meanwhile()
    {
        await using var bot = Start();
        var storage = bot.Services.GetRequiredService<IStorage>();
        await storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["dsl/channel"] = new(new System.Text.Json.Nodes.JsonObject { ["channelId"] = OldChannel, ["serviceUrl"] = OldServiceUrl }, eTag: null),
        });
        var chat = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");

        await chat.SendAsync(InChannel("register this channel", "aad-dsl-khan"));

        Assert.Equal(OldChannel, (await RegistrationAsync(bot))!["channelId"]!.GetValue<string>());
        Assert.Contains("Move reports here", chat.Cards.Last().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_channel_cannot_be_changed_from_teams()
    {
        await using var bot = Start(configuredChannel: "19:configured@thread.tacv2");
        var chat = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");

        await chat.SendAsync(InChannel("register this channel", "aad-dsl-khan"));

        Assert.Contains("set in the bot's configuration", chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_the_same_channel_again_is_harmless()
    {
        await using var bot = Start();
        var chat = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");
        await chat.SendAsync(InChannel("register this channel", "aad-dsl-khan"));
        var stored = (await RegistrationAsync(bot))!.ToJsonString();

        await chat.SendAsync(InChannel("register this channel", "aad-dsl-khan"));

        Assert.Contains("New reports already come to this channel", chat.LastText, StringComparison.Ordinal);
        Assert.Empty(chat.LastReplies.SelectMany(ChatDriver.CardsOf));
        Assert.Equal(stored, (await RegistrationAsync(bot))!.ToJsonString());
    }

    [Fact]
    public async Task Moving_a_registered_channel_asks_for_confirmation_in_the_new_channel_and_changes_nothing_until_then()
    {
        await using var bot = Start();
        var (old, moved) = await RegisterOldThenAskInNewAsync(bot);

        Assert.Contains("Do you want them to come to this channel instead?", moved.LastText, StringComparison.Ordinal);
        Assert.Contains("Move reports here", moved.LastCard.ToJsonString(), StringComparison.Ordinal);
        await old.SendAsync(InChannel("open reports", "aad-dsl-khan", OldChannel));
        Assert.Contains("Open reports", old.LastText, StringComparison.Ordinal);
        await moved.SendAsync(InChannel("open reports", "aad-dsl-khan"));
        Assert.Contains("only be opened and worked on in the DSL team's channel", moved.LastText, StringComparison.Ordinal);
        VerifyNoAnnouncement(bot);
    }

    [Fact]
    public async Task Confirming_moves_it_announces_it_in_the_old_channel_and_audits_it_and_it_stays_moved_after_a_restart()
    {
        await using (var bot = Start())
        {
            var (old, moved) = await RegisterOldThenAskInNewAsync(bot);

            await moved.SendAsync(Click(moved, "Move reports here", NewChannel, "aad-dsl-khan"));

            Assert.Contains("New safeguarding reports will now be posted in this channel", moved.LastText, StringComparison.Ordinal);
            await moved.SendAsync(InChannel("open reports", "aad-dsl-khan"));
            Assert.Contains("Open reports", moved.LastText, StringComparison.Ordinal);
            await old.SendAsync(InChannel("open reports", "aad-dsl-khan", OldChannel));
            Assert.Contains("only be opened and worked on in the DSL team's channel", old.LastText, StringComparison.Ordinal);

            // Announced in the old channel, through the connector at the old channel's stored service URL.
            bot.Connector.Verify(c => c.CreateConversationAsync(
                OldServiceUrl,
                It.Is<ConversationParameters>(p => ((TeamsChannelData)p.ChannelData!).Channel!.Id == OldChannel
                    && p.Activity!.Text!.Contains("Ms Khan has moved new reports to another channel", StringComparison.Ordinal)),
                It.IsAny<CancellationToken>()), Times.Once);

            // Audited: who, when, from, to, in storage and in the log.
            var audit = Assert.Single((await RegistrationAsync(bot))!["moves"]!.AsArray())!;
            Assert.Equal("aad-dsl-khan", audit["by"]!.GetValue<string>());
            Assert.Equal(OldChannel, audit["from"]!.GetValue<string>());
            Assert.Equal(NewChannel, audit["to"]!.GetValue<string>());
            Assert.NotNull(audit["at"]);
            Assert.Contains(bot.Logs, l => l.Contains("DSL channel was moved", StringComparison.Ordinal)
                && l.Contains(OldChannel, StringComparison.Ordinal) && l.Contains(NewChannel, StringComparison.Ordinal) && l.Contains("aad-dsl-khan", StringComparison.Ordinal));

            // A second click on the same button does nothing more.
            await moved.SendAsync(Click(moved, "Move reports here", NewChannel, "aad-dsl-khan"));
            Assert.Contains("no longer open", moved.LastText, StringComparison.Ordinal);
            bot.Connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Once);
        }

        await using var restarted = Start();
        var again = new ChatDriver(restarted.CreateClient(), NewChannel + ";messageid=9");
        await again.SendAsync(InChannel("open reports", "aad-dsl-khan"));
        Assert.Contains("Open reports", again.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_old_channel_cannot_be_told_the_move_still_stands_and_the_log_says_so()
    {
        await using var bot = Start();
        var (_, moved) = await RegisterOldThenAskInNewAsync(bot);
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."));

        await moved.SendAsync(Click(moved, "Move reports here", NewChannel, "aad-dsl-khan"));

        Assert.Contains("New safeguarding reports will now be posted in this channel", moved.LastText, StringComparison.Ordinal);
        await moved.SendAsync(InChannel("open reports", "aad-dsl-khan"));
        Assert.Contains("Open reports", moved.LastText, StringComparison.Ordinal);
        Assert.Contains(bot.Logs, l => l.Contains("Could not tell the old DSL channel", StringComparison.Ordinal) && l.Contains("BotNotInConversationRoster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_confirmation_is_checked_again_who_clicked_and_where()
    {
        await using var bot = Start();
        var (old, moved) = await RegisterOldThenAskInNewAsync(bot);

        await moved.SendAsync(Click(moved, "Move reports here", NewChannel, "aad-someone"));
        Assert.Contains("Only people on the DSL team's list can do that", moved.LastText, StringComparison.Ordinal);

        // The same button's data sent from a third channel.
        var elsewhere = new ChatDriver(bot.CreateClient(), ThirdChannel + ";messageid=9");
        await elsewhere.SendAsync(Click(moved, "Move reports here", ThirdChannel, "aad-dsl-khan"));
        Assert.Contains("no longer open", elsewhere.LastText, StringComparison.Ordinal);

        await old.SendAsync(InChannel("open reports", "aad-dsl-khan", OldChannel));
        Assert.Contains("Open reports", old.LastText, StringComparison.Ordinal);
        Assert.Empty((await RegistrationAsync(bot))!["moves"]?.AsArray() ?? []);
        VerifyNoAnnouncement(bot);
    }

    [Fact]
    public async Task Cancelling_leaves_it_unchanged_and_the_cards_move_button_no_longer_works()
    {
        await using var bot = Start();
        var (old, moved) = await RegisterOldThenAskInNewAsync(bot);

        await moved.SendAsync(Click(moved, "Keep the other channel", NewChannel, "aad-dsl-khan"));
        Assert.Contains("Nothing has changed. New reports still go to the other channel", moved.LastText, StringComparison.Ordinal);
        await moved.SendAsync(Click(moved, "Move reports here", NewChannel, "aad-dsl-khan"));
        Assert.Contains("no longer open", moved.LastText, StringComparison.Ordinal);

        await old.SendAsync(InChannel("open reports", "aad-dsl-khan", OldChannel));
        Assert.Contains("Open reports", old.LastText, StringComparison.Ordinal);
        VerifyNoAnnouncement(bot);
    }

    /// <summary>A DSL registers the old channel; later a DSL says "register this channel" in the new one.</summary>
    private static async Task<(ChatDriver Old, ChatDriver New)> RegisterOldThenAskInNewAsync(BotApplicationFactory bot)
    {
        var old = new ChatDriver(bot.CreateClient(), OldChannel + ";messageid=9");
        var register = InChannel("register this channel", "aad-dsl-khan", OldChannel);
        register.ServiceUrl = OldServiceUrl;
        await old.SendAsync(register);
        Assert.Contains("New safeguarding reports will now be posted in this channel", old.LastText, StringComparison.Ordinal);

        var moved = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");
        await moved.SendAsync(InChannel("register this channel", "aad-dsl-khan"));
        return (old, moved);
    }

    /// <summary>Presses a button of the newest card that has it, in a channel, as <paramref name="aadObjectId"/>.</summary>
    private static Activity Click(ChatDriver chat, string title, string channel, string aadObjectId)
    {
        var action = chat.Cards.Reverse().SelectMany(c => c["actions"]?.AsArray() ?? []).First(a => a?["title"]?.GetValue<string>() == title)!;
        var activity = InChannel(null, aadObjectId, channel);
        activity.Value = action["data"]!.DeepClone();
        return activity;
    }

    private static void VerifyNoAnnouncement(BotApplicationFactory bot) =>
        bot.Connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()), Times.Never);

    private static async Task<System.Text.Json.Nodes.JsonObject?> RegistrationAsync(BotApplicationFactory bot)
    {
        var items = await bot.Services.GetRequiredService<IStorage>().ReadAsync(["dsl/channel"]);
        return items.TryGetValue("dsl/channel", out var item) ? item.Document : null;
    }

    private BotApplicationFactory Start(string? configuredChannel = null) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = _folder.Combine("state.db"),
        ["Dsl:Roster:0"] = "aad-dsl-khan",
        ["Dsl:ChannelId"] = configuredChannel ?? string.Empty,
    });

    private static Activity InChannel(string? text, string aadObjectId, string channel = NewChannel)
    {
        var activity = Activities.ChannelMessage(text, channel, aadObjectId);
        activity.From!.Name = aadObjectId == "aad-dsl-khan" ? "Ms Khan" : "Mr Nosy";
        return activity;
    }
}
