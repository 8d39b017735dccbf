using Microsoft.Data.Sqlite;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Tests.Flow;
using StaffGuideBot.Tests.Http;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>"@StaffGuideBot register this channel" when no DSL channel is configured.</summary>
public sealed class RegistrationTests : IDisposable
{
    private const string NewChannel = "19:dsl-new@thread.tacv2";

    private readonly string _folder = Directory.CreateTempSubdirectory("sgb-register-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
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
        Assert.Contains("Only the DSL team", chat.LastText, StringComparison.Ordinal);
        await chat.SendAsync(InChannel("open reports", "aad-dsl-khan"));
        Assert.Contains("only be opened and worked on in the DSL team's channel", chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_channel_cannot_be_changed_from_teams()
    {
        await using var bot = Start(configuredChannel: "19:configured@thread.tacv2");
        var chat = new ChatDriver(bot.CreateClient(), NewChannel + ";messageid=9");

        await chat.SendAsync(InChannel("register this channel", "aad-dsl-khan"));

        Assert.Contains("set in the bot's configuration", chat.LastText, StringComparison.Ordinal);
    }

    private BotApplicationFactory Start(string? configuredChannel = null) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = Path.Combine(_folder, "state.db"),
        ["Dsl:Roster:0"] = "aad-dsl-khan",
        ["Dsl:ChannelId"] = configuredChannel ?? string.Empty,
    });

    private static Activity InChannel(string text, string aadObjectId) => Activities.ChannelMessage(text, NewChannel, aadObjectId);
}
