using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Connector;

public sealed class ConnectorRateLimitTests : IAsyncLifetime
{
    private StubConnectorServer _stub = null!;

    public async Task InitializeAsync() => _stub = await StubConnectorServer.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task A_burst_to_one_conversation_waits_its_turn_and_every_message_is_sent_once()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MessagesPerSecondPerConversation"] = "5",
        });
        var client = services.GetRequiredService<IConnectorClient>();
        const string conversation = "19:dsl@thread.tacv2;messageid=1";

        var sends = Enumerable.Range(0, 12)
            .Select(i => client.SendToConversationAsync(_stub.ServiceUrl, conversation, Activity.CreateMessageActivity($"message {i}")))
            .ToList();
        var results = await Task.WhenAll(sends);

        Assert.Equal(12, results.Select(r => r.Id).Distinct().Count());
        var texts = _stub.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()).ToList();
        Assert.Equal(12, texts.Count);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"message {i}").Order(), texts.Order());
    }

    /// <summary>Waits for every call; null for a success, else its <see cref="ConnectorException"/>.</summary>
    private static async Task<ConnectorException?[]> Outcomes(params Task[] calls) =>
        await Task.WhenAll(calls.Select(async call =>
        {
            try
            {
                await call;
                return null;
            }
            catch (ConnectorException ex)
            {
                return ex;
            }
        }));

    [Fact]
    public async Task Sends_beyond_the_rate_and_the_queue_are_refused_without_reaching_the_connector()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MessagesPerSecondPerConversation"] = "1",
            ["Connector:MaxQueuedMessagesPerConversation"] = "0",
        });
        var client = services.GetRequiredService<IConnectorClient>();

        var sends = Enumerable.Range(0, 3)
            .Select(i => client.SendToConversationAsync(_stub.ServiceUrl, "conv-a", Activity.CreateMessageActivity($"m{i}")))
            .ToList();
        var outcomes = await Outcomes([.. sends]);

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<ConnectorException>(), ex => Assert.Equal("RateLimitQueueFull", ex.ErrorCode));
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task Each_conversation_has_its_own_allowance()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MessagesPerSecondPerConversation"] = "1",
            ["Connector:MaxQueuedMessagesPerConversation"] = "0",
        });
        var client = services.GetRequiredService<IConnectorClient>();

        await Task.WhenAll(
            client.SendToConversationAsync(_stub.ServiceUrl, "conv-a", Activity.CreateMessageActivity("a")),
            client.ReplyToActivityAsync(_stub.ServiceUrl, "conv-b", "1", Activity.CreateMessageActivity("b")),
            client.UpdateActivityAsync(_stub.ServiceUrl, "conv-c", "1", Activity.CreateMessageActivity("c")));

        Assert.Equal(3, _stub.Requests.Count);
    }

    [Fact]
    public async Task Sends_replies_updates_and_deletes_share_the_conversations_allowance()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MessagesPerSecondPerConversation"] = "1",
            ["Connector:MaxQueuedMessagesPerConversation"] = "0",
        });
        var client = services.GetRequiredService<IConnectorClient>();

        // Started together, so all four ask for the conversation's single token at once.
        var outcomes = await Outcomes(
            client.SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("first")),
            client.ReplyToActivityAsync(_stub.ServiceUrl, "conv", "1", Activity.CreateMessageActivity("second")),
            client.UpdateActivityAsync(_stub.ServiceUrl, "conv", "1", Activity.CreateMessageActivity("third")),
            client.DeleteActivityAsync(_stub.ServiceUrl, "conv", "1"));

        Assert.Null(outcomes[0]);
        Assert.All(outcomes.Skip(1), ex => Assert.Equal("RateLimitQueueFull", ex?.ErrorCode));
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task Member_lookups_are_not_paced()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MessagesPerSecondPerConversation"] = "1",
            ["Connector:MaxQueuedMessagesPerConversation"] = "0",
        });
        var client = services.GetRequiredService<IConnectorClient>();
        _stub.Enqueue(StubResponse.Json(201, """{"id":"1"}"""), StubResponse.Json(200, """{"id":"29:a"}"""), StubResponse.Json(200, """{"id":"29:a"}"""));

        var outcomes = await Outcomes(
            client.SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("first")),
            client.GetConversationMemberAsync(_stub.ServiceUrl, "conv", "29:a"),
            client.GetConversationMemberAsync(_stub.ServiceUrl, "conv", "29:a"));

        Assert.All(outcomes, Assert.Null);
        Assert.Equal(3, _stub.Requests.Count);
    }

    [Fact]
    public async Task New_threads_in_one_channel_share_that_channels_allowance()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MessagesPerSecondPerConversation"] = "1",
            ["Connector:MaxQueuedMessagesPerConversation"] = "0",
        });
        var client = services.GetRequiredService<IConnectorClient>();
        ConversationParameters NewThread() => new()
        {
            IsGroup = true,
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = "19:dsl@thread.tacv2" } },
            Activity = Activity.CreateMessageActivity("summary"),
        };

        var outcomes = await Outcomes(
            client.CreateConversationAsync(_stub.ServiceUrl, NewThread()),
            client.CreateConversationAsync(_stub.ServiceUrl, NewThread()));

        Assert.Null(outcomes[0]);
        Assert.Equal("RateLimitQueueFull", outcomes[1]?.ErrorCode);
        Assert.Single(_stub.Requests);
    }
}
