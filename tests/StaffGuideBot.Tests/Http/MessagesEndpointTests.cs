using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Tests.Http;

/// <summary>POST /api/messages in local mode: status codes and response shapes as the Bot Framework defines them.</summary>
public sealed class MessagesEndpointTests : IDisposable
{
    private BotApplicationFactory _factory = new();
    private HttpClient _client;

    public MessagesEndpointTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    /// <summary>Restarts the host with <typeparamref name="TBot"/> in place of the real bot.</summary>
    private void UseBot<TBot>() where TBot : class, IBot
    {
        Dispose();
        _factory = new BotApplicationFactory
        {
            ConfigureServicesForTest = services =>
            {
                services.RemoveAll<IBot>();
                services.AddSingleton<IBot, TBot>();
            },
        };
        _client = _factory.CreateClient();
    }

    [Fact]
    public async Task A_message_gets_200_and_the_reply_goes_through_the_connector_to_the_conversation()
    {
        var activity = Activities.Message("hello");

        var response = await _client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _factory.Connector.Verify(c => c.ReplyToActivityAsync(
            Activities.ServiceUrl, "a:personal-1", activity.Id!, It.Is<Activity>(a => a.Attachments!.Count == 1 && a.Recipient!.Id == "29:user-alex"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ExpectReplies_returns_the_replies_in_the_body_and_sends_nothing()
    {
        var response = await _client.SendAsync(Activities.Post(Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var activities = body["activities"]!.AsArray();
        var reply = Assert.Single(activities)!;
        Assert.Equal("message", reply["type"]!.GetValue<string>());
        Assert.Equal("a:personal-1", reply["conversation"]!["id"]!.GetValue<string>());
        Assert.Equal(Attachment.AdaptiveCardContentType, reply["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Empty(_factory.Connector.Invocations);
    }

    [Fact]
    public async Task An_adaptive_card_action_invoke_gets_the_invoke_response_shape()
    {
        UseBot<ExecuteEchoBot>();
        var invoke = Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "ack", data = new { id = "SG-1" } } });

        var response = await _client.SendAsync(Activities.Post(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal("verb ack", body["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invoke_the_bot_does_not_handle_gets_501()
    {
        var response = await _client.SendAsync(Activities.Post(Activities.Invoke("composeExtension/query", new { })));

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task A_malformed_card_action_invoke_gets_400_with_an_error_body()
    {
        var response = await _client.SendAsync(Activities.Post(Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Submit" } })));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json", "Malformed activity")]
    [InlineData("[]", "Malformed activity")]
    [InlineData("null", "Malformed activity")]
    [InlineData("""{"conversation":{"id":"c"},"serviceUrl":"https://x/"}""", "type")]
    [InlineData("""{"type":"message","serviceUrl":"https://x/"}""", "conversation")]
    [InlineData("""{"type":"message","conversation":{"id":"c"}}""", "serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"file:///etc/passwd"}""", "serviceUrl")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"https://x/","from":"not an object"}""", "Malformed activity")]
    [InlineData("""{"type":"message","conversation":{"id":"c"},"serviceUrl":"https://x/"}""", "channelId")]
    [InlineData("""{"type":"message","channelId":" ","conversation":{"id":"c"},"serviceUrl":"https://x/"}""", "channelId")]
    [InlineData("""{"type":"message","channelId":"msteams","conversation":{"id":"c"},"serviceUrl":"https://x/","text":"hi","entities":[null]}""", "entities")]
    [InlineData("""{"type":"message","channelId":"msteams","conversation":{"id":"c"},"serviceUrl":"https://x/","text":"hi","attachments":[null]}""", "attachments")]
    [InlineData("""{"type":"conversationUpdate","channelId":"msteams","conversation":{"id":"c"},"serviceUrl":"https://x/","membersAdded":[null]}""", "membersAdded")]
    [InlineData("""{"type":"message","channelId":"msteams","conversation":{"id":"c"},"serviceUrl":"https://x/","entities":"not a list"}""", "Malformed activity")]
    [InlineData("""{"type":"message","channelId":"msteams","conversation":{"id":"c"},"serviceUrl":"https://x/","entities":[1, "two"]}""", "Malformed activity")]
    public async Task A_malformed_or_incomplete_activity_gets_400_problem_details(string json, string mentioned)
    {
        var response = await _client.SendAsync(Activities.Post(json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Contains(mentioned, problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(_factory.Connector.Invocations);
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var activity = Activities.Message(new string('x', 300 * 1024));

        var response = await _client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413()
    {
        var json = BotJson.Serialize(Activities.Message(new string('x', 300 * 1024)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_gets_415(string contentType)
    {
        var response = await _client.SendAsync(Activities.Post(BotJson.Serialize(Activities.Message("hi")), contentType: contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Health_reports_liveness_and_storage()
    {
        var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", body["storage"]!.GetValue<string>());
        Assert.True(body["live"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Health_says_which_contacts_are_still_samples_and_stays_200()
    {
        var response = await _client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var samples = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["content"]!["sampleContacts"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Contains("dsl", samples);
    }

    [Fact]
    public async Task A_turn_that_throws_gets_a_plain_apology_with_a_reference_and_the_log_has_no_content()
    {
        UseBot<ThrowingBot>();
        var secret = "pupil said Jamie-7f3a sent the picture";

        var response = await _client.SendAsync(Activities.Post(Activities.Message(secret, deliveryMode: DeliveryModes.ExpectReplies)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = BotJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!;
        var apology = Assert.Single(replies.Activities).Text!;
        Assert.Contains("something went wrong", apology, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", apology, StringComparison.Ordinal);
        var failure = Assert.Single(_factory.Logs, line => line.Contains("InvalidOperationException", StringComparison.Ordinal));
        var reference = System.Text.RegularExpressions.Regex.Match(failure, @"Turn (\S+) \(").Groups[1].Value;
        Assert.NotEmpty(reference);
        Assert.Contains(reference, apology, StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Logs, line => line.Contains("Jamie-7f3a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Message_text_and_card_values_never_reach_the_logs()
    {
        await _client.SendAsync(Activities.Post(Activities.Message("secret-text-4821 about a pupil")));
        await _client.SendAsync(Activities.Post(Activities.Message(null, value: new { action = "welcome.more", note = "secret-value-9915" })));

        Assert.NotEmpty(_factory.Logs);
        Assert.DoesNotContain(_factory.Logs, line => line.Contains("secret-text-4821", StringComparison.Ordinal) || line.Contains("secret-value-9915", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_redelivered_activity_is_answered_once()
    {
        var activity = Activities.Message("hello");

        await _client.SendAsync(Activities.Post(activity));
        var second = await _client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        _factory.Connector.Verify(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Card_values_and_channel_data_do_not_share_the_pooled_request_buffer()
    {
        // The request body is read into a pooled buffer that goes back to the pool before the turn runs; whatever the
        // activity keeps as JSON must be its own copy, even when the pool hands the buffer straight to someone else.
        UseBot<PoolScribblingBot>();
        var activity = Activities.Message(null, deliveryMode: DeliveryModes.ExpectReplies, value: new { action = "welcome.more", note = "kept-7734" });

        var response = await _client.SendAsync(Activities.Post(activity));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = BotJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!;
        Assert.Equal($"kept-7734 {LocalOpenIdServer.TenantId}", Assert.Single(replies.Activities).Text);
    }

    private sealed class PoolScribblingBot : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            for (var size = 16; size <= 1 << 20; size *= 2)
            {
                var borrowed = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
                borrowed.AsSpan().Fill((byte)'x');
                System.Buffers.ArrayPool<byte>.Shared.Return(borrowed);
            }

            var note = turnContext.Activity.Value is System.Text.Json.JsonElement value ? value.GetProperty("note").GetString() : null;
            await turnContext.SendActivityAsync($"{note} {turnContext.Activity.GetTenantId()}", cancellationToken);
        }
    }

    private sealed class ThrowingBot : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("failed while handling: " + turnContext.Activity.Text);
    }

    private sealed class ExecuteEchoBot : ActivityHandler
    {
        protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
            Task.FromResult(AdaptiveCardInvokeResponse.Message("verb " + invokeValue.Action!.Verb));
    }
}

/// <summary>Local mode (no app id): anonymous callers are accepted from this computer only.</summary>
public sealed class LocalModeTests
{
    [Fact]
    public async Task An_anonymous_request_from_loopback_is_accepted()
    {
        await using var factory = new BotApplicationFactory(remoteAddress: IPAddress.IPv6Loopback);
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Activities.Post(Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9")]
    [InlineData("X-ARR-ClientIP", "203.0.113.9")]
    [InlineData("Via", "1.1 proxy.example.org")]
    [InlineData("X-Forwarded-Host", "bot.example.org")]
    public async Task An_anonymous_request_a_proxy_on_this_computer_forwarded_is_refused(string header, string value)
    {
        await using var factory = new BotApplicationFactory(remoteAddress: IPAddress.Loopback);
        using var client = factory.CreateClient();
        using var request = Activities.Post(Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies));
        request.Headers.Add(header, value);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(factory.Connector.Invocations);
    }

    [Fact]
    public async Task An_anonymous_request_from_another_computer_is_refused()
    {
        await using var factory = new BotApplicationFactory(remoteAddress: IPAddress.Parse("192.0.2.7"));
        using var client = factory.CreateClient();

        var response = await client.SendAsync(Activities.Post(Activities.Message("hello")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(factory.Connector.Invocations);
    }

    [Theory]
    [InlineData(true, "http://localhost:3978")]
    [InlineData(true, "http://127.0.0.1:3978")]
    [InlineData(true, "http://[::1]:3978")]
    [InlineData(false, "http://0.0.0.0:3978")]
    [InlineData(false, "http://*:3978")]
    [InlineData(false, "http://+:80")]
    [InlineData(false, "http://10.1.2.3:3978")]
    [InlineData(true, "http://LOCALHOST:3978")]
    [InlineData(true, "http://127.0.0.5:3978")]
    // Kestrel binds any host name other than "localhost" to every address, whatever the name would resolve to.
    [InlineData(false, "http://loopback:3978")]
    [InlineData(false, "http://0.0.0.0@localhost:3978")]
    [InlineData(false, "http://user@127.0.0.1:3978")]
    [InlineData(false, "http://localhost.:3978")]
    public void Only_loopback_bindings_count_as_local(bool expected, string address) =>
        Assert.Equal(expected, BotFramework.Hosting.LocalModeGuard.AllLoopback([address]));
}
