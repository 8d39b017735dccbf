using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Connector;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string ThreadId = "19:abc@thread.tacv2;messageid=123";
    private const string EscapedThreadId = "19%3Aabc%40thread.tacv2%3Bmessageid%3D123";

    private StubConnectorServer _stub = null!;

    public async Task InitializeAsync() => _stub = await StubConnectorServer.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    private static IConnectorClient Client(ServiceProvider services) => services.GetRequiredService<IConnectorClient>();

    [Fact]
    public async Task SendToConversation_posts_the_activity_to_the_escaped_conversation_and_returns_its_id()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Json(201, """{"id":"1795263059682"}"""));

        var result = await Client(services).SendToConversationAsync(_stub.ServiceUrl, ThreadId, Activity.CreateMessageActivity("Hello DSL"));

        Assert.Equal("1795263059682", result.Id);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities", request.RawTarget);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("Hello DSL", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ReplyToActivity_posts_to_the_activity_path_with_both_ids_escaped()
    {
        await using var services = ConnectorTestHost.Build();
        var reply = Activity.CreateMessageActivity("Thanks");
        reply.ReplyToId = "1:reply@x";

        var result = await Client(services).ReplyToActivityAsync(_stub.ServiceUrl, ThreadId, "1:reply@x", reply);

        Assert.NotNull(result.Id);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities/1%3Areply%40x", request.RawTarget);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("Thanks", body.RootElement.GetProperty("text").GetString());
        Assert.Equal("1:reply@x", body.RootElement.GetProperty("replyToId").GetString());
    }

    [Fact]
    public async Task UpdateActivity_puts_the_activity_and_parses_the_200_answer()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Json(200, """{"id":"1795263059682"}"""));
        var update = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "1795263059682",
            Attachments = [Attachment.AdaptiveCard(new { type = "AdaptiveCard", version = "1.5", body = Array.Empty<object>() })],
        };

        var result = await Client(services).UpdateActivityAsync(_stub.ServiceUrl, ThreadId, "1795263059682", update);

        Assert.Equal("1795263059682", result.Id);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities/1795263059682", request.RawTarget);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(Attachment.AdaptiveCardContentType, body.RootElement.GetProperty("attachments")[0].GetProperty("contentType").GetString());
        Assert.Equal("1.5", body.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("version").GetString());
    }

    [Fact]
    public async Task DeleteActivity_sends_a_DELETE_without_a_body_and_accepts_an_empty_200()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(new StubResponse(200));

        await Client(services).DeleteActivityAsync(_stub.ServiceUrl, ThreadId, "1795263059682");

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities/1795263059682", request.RawTarget);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task DeleteActivity_that_the_channel_does_not_implement_surfaces_its_error_code()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Error(501, "DeleteActivityAPINotImplemented", "The API to delete activity is not implemented yet"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).DeleteActivityAsync(_stub.ServiceUrl, ThreadId, "1795263059682"));

        Assert.Equal(501, ex.StatusCode);
        Assert.Equal("DeleteActivityAPINotImplemented", ex.ErrorCode);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task CreateConversation_for_a_new_channel_thread_sends_isGroup_channelData_and_the_activity()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Json(201, """{"id":"19:dsl@thread.tacv2;messageid=1795263065607","activityId":"1795263065607"}"""));
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            Bot = new ChannelAccount { Id = "28:bot-id", Name = "StaffGuideBot" },
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = "19:dsl@thread.tacv2" } },
            Activity = Activity.CreateMessageActivity("New concern reported"),
            TenantId = "tenant-1",
        };

        var result = await Client(services).CreateConversationAsync(_stub.ServiceUrl, parameters);

        Assert.Equal("19:dsl@thread.tacv2;messageid=1795263065607", result.Id);
        Assert.Equal("1795263065607", result.ActivityId);
        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/_connector/v3/conversations", request.RawTarget);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.True(root.GetProperty("isGroup").GetBoolean());
        Assert.Equal("28:bot-id", root.GetProperty("bot").GetProperty("id").GetString());
        Assert.Equal("19:dsl@thread.tacv2", root.GetProperty("channelData").GetProperty("channel").GetProperty("id").GetString());
        Assert.Equal("message", root.GetProperty("activity").GetProperty("type").GetString());
        Assert.Equal("New concern reported", root.GetProperty("activity").GetProperty("text").GetString());
        Assert.Equal("tenant-1", root.GetProperty("tenantId").GetString());
        Assert.False(root.TryGetProperty("members", out _));
    }

    [Fact]
    public async Task CreateConversation_one_to_one_sends_the_member_and_accepts_an_answer_without_activityId()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Json(201, """{"id":"a:1personal-chat"}"""));
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Members = [new ChannelAccount { Id = "29:user-alex" }],
            TenantId = "tenant-1",
        };

        var result = await Client(services).CreateConversationAsync(_stub.ServiceUrl, parameters);

        Assert.Equal("a:1personal-chat", result.Id);
        Assert.Null(result.ActivityId);
        using var body = JsonDocument.Parse(Assert.Single(_stub.Requests).Body);
        Assert.False(body.RootElement.GetProperty("isGroup").GetBoolean());
        Assert.Equal("29:user-alex", body.RootElement.GetProperty("members")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetConversationMember_gets_the_escaped_member_and_reads_the_Teams_fields()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Json(200, """
            {"id":"29:user-alex","aadObjectId":"aad-20","name":"Alex Wilber","givenName":"Alex","surname":"Wilber",
             "email":"alex@school.example","userPrincipalName":"alex@school.example","tenantId":"tenant-1","userRole":"user"}
            """));

        var member = await Client(services).GetConversationMemberAsync(_stub.ServiceUrl, ThreadId, "29:user-alex");

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/members/29%3Auser-alex", request.RawTarget);
        Assert.Equal("29:user-alex", member.Id);
        Assert.Equal("aad-20", member.AadObjectId);
        Assert.Equal("Alex Wilber", member.Name);
        Assert.Equal("Alex", member.GivenName);
        Assert.Equal("Wilber", member.Surname);
        Assert.Equal("alex@school.example", member.Email);
        Assert.Equal("alex@school.example", member.UserPrincipalName);
        Assert.Equal("tenant-1", member.TenantId);
        Assert.Equal("user", member.UserRole);
    }

    [Fact]
    public async Task GetConversationMember_accepts_objectId_as_the_Entra_object_id()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Json(200, """{"id":"user-id-0","objectId":"aad-20","name":"Alex Wilber"}"""));

        var member = await Client(services).GetConversationMemberAsync(_stub.ServiceUrl, "conv", "user-id-0");

        Assert.Equal("aad-20", member.AadObjectId);
    }

    [Fact]
    public async Task GetConversationMember_not_in_the_conversation_fails_with_its_error_code_and_no_retry()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Error(404, "MemberNotFoundInConversation", "Member not found in conversation"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).GetConversationMemberAsync(_stub.ServiceUrl, "conv", "aad-20"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Equal("MemberNotFoundInConversation", ex.ErrorCode);
        Assert.Contains("Member not found in conversation", ex.Message, StringComparison.Ordinal);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task A_2xx_with_an_empty_body_is_a_success_without_an_id()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(new StubResponse(202));

        var result = await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", new Activity { Type = ActivityTypes.Typing });

        Assert.Null(result.Id);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_and_then_succeeds()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(
            StubResponse.Error(429, "TooManyRequests", "Slow down", ("Retry-After", "1")),
            StubResponse.Json(201, """{"id":"after-retry"}"""));

        var result = await Client(services).SendToConversationAsync(_stub.ServiceUrl, ThreadId, Activity.CreateMessageActivity("retry me"));

        Assert.Equal("after-retry", result.Id);
        Assert.Equal(2, _stub.Requests.Count);
        // Each attempt is a new request carrying the whole body.
        Assert.All(_stub.Requests, r => Assert.Contains("retry me", r.Body, StringComparison.Ordinal));
        Assert.All(_stub.Requests, r => Assert.Equal($"/_connector/v3/conversations/{EscapedThreadId}/activities", r.RawTarget));
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_statuses_are_retried(int status)
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(new StubResponse(status), StubResponse.Json(201, """{"id":"ok"}"""));

        var result = await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"));

        Assert.Equal("ok", result.Id);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task A_503_that_outlasts_the_retries_fails_with_503_after_one_attempt_plus_MaxRetryAttempts()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?> { ["Connector:MaxRetryAttempts"] = "3" });
        for (var i = 0; i < 10; i++)
        {
            _stub.Enqueue(StubResponse.Error(503, "ServiceUnavailable", "Try later"));
        }

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("ServiceUnavailable", ex.ErrorCode);
        Assert.Equal(4, _stub.Requests.Count);
    }

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(401, "Unauthorized")]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "ConversationNotFound")]
    public async Task Client_errors_are_not_retried(int status, string code)
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Error(status, code, "No"), StubResponse.Json(201, """{"id":"should-not-be-reached"}"""));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task Teams_403_BotNotInConversationRoster_surfaces_as_its_error_code()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(StubResponse.Error(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, ThreadId, Activity.CreateMessageActivity("x")));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("BotNotInConversationRoster", ex.ErrorCode);
        Assert.Contains("BotNotInConversationRoster", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_that_is_not_JSON_keeps_the_status_and_has_no_error_code()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(new StubResponse(404, "<!DOCTYPE html><pre>Cannot GET /v3/conversations</pre>"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).GetConversationMemberAsync(_stub.ServiceUrl, "conv", "member"));

        Assert.Equal(404, ex.StatusCode);
        Assert.Null(ex.ErrorCode);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(new StubResponse(0) { Abort = true }, StubResponse.Json(201, """{"id":"second"}"""));

        var result = await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"));

        Assert.Equal("second", result.Id);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task A_connection_that_keeps_failing_ends_as_ConnectionFailed_with_status_0()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?> { ["Connector:MaxRetryAttempts"] = "1" });
        _stub.Enqueue(new StubResponse(0) { Abort = true }, new StubResponse(0) { Abort = true });

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(0, ex.StatusCode);
        Assert.Equal("ConnectionFailed", ex.ErrorCode);
        Assert.IsAssignableFrom<HttpRequestException>(ex.InnerException);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_retried()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?> { ["Connector:RequestTimeout"] = "00:00:02" });
        _stub.Enqueue(new StubResponse(0) { Hang = true }, StubResponse.Json(201, """{"id":"in-time"}"""));

        var result = await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"));

        Assert.Equal("in-time", result.Id);
        Assert.Equal(2, _stub.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_times_out_with_no_retries_left_ends_as_Timeout()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:RequestTimeout"] = "00:00:00.300",
            ["Connector:MaxRetryAttempts"] = "0",
        });
        _stub.Enqueue(new StubResponse(0) { Hang = true });

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(0, ex.StatusCode);
        Assert.Equal("Timeout", ex.ErrorCode);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_turned_into_a_ConnectorException_or_retried()
    {
        await using var services = ConnectorTestHost.Build();
        _stub.Enqueue(new StubResponse(0) { Hang = true }, StubResponse.Json(201, """{"id":"never"}"""));
        using var cancellation = new CancellationTokenSource();

        var send = Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"), cancellation.Token);
        while (_stub.Requests.Count == 0)
        {
            await Task.Delay(10);
        }

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task A_trusted_service_url_gets_the_bearer_token_on_every_attempt()
    {
        var tokens = new FixedTokenProvider("token-abc");
        await using var services = ConnectorTestHost.Build(tokenProvider: tokens);
        services.GetRequiredService<ServiceUrlTrustList>().Trust(_stub.ServiceUrl);
        _stub.Enqueue(new StubResponse(503), StubResponse.Json(201, """{"id":"ok"}"""));

        await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"));

        Assert.Equal(2, _stub.Requests.Count);
        Assert.All(_stub.Requests, r => Assert.Equal("Bearer token-abc", r.Authorization));
    }

    [Fact]
    public async Task A_service_url_trusted_by_configuration_gets_the_token()
    {
        var tokens = new FixedTokenProvider("token-abc");
        await using var services = ConnectorTestHost.Build(
            new Dictionary<string, string?> { ["BotAuthentication:TrustedServiceUrls:0"] = _stub.ServiceUrl },
            tokenProvider: tokens);

        await Client(services).GetConversationMemberAsync(_stub.ServiceUrl, "conv", "member");

        Assert.Equal("Bearer token-abc", Assert.Single(_stub.Requests).Authorization);
    }

    [Fact]
    public async Task An_untrusted_service_url_is_refused_before_anything_is_sent()
    {
        var tokens = new FixedTokenProvider("token-abc");
        await using var services = ConnectorTestHost.Build(tokenProvider: tokens);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(0, ex.StatusCode);
        Assert.Equal("UntrustedServiceUrl", ex.ErrorCode);
        Assert.DoesNotContain("token-abc", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task Trusting_one_service_url_does_not_trust_another_path_on_the_same_host()
    {
        var tokens = new FixedTokenProvider("token-abc");
        await using var services = ConnectorTestHost.Build(tokenProvider: tokens);
        services.GetRequiredService<ServiceUrlTrustList>().Trust(_stub.ServiceUrl);
        var otherPath = _stub.ServiceUrl.Replace("/_connector/", "/elsewhere/", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(otherPath, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal("UntrustedServiceUrl", ex.ErrorCode);
        Assert.Empty(_stub.Requests);
    }

    [Fact]
    public async Task The_token_is_never_sent_over_plain_http_to_another_host()
    {
        var tokens = new FixedTokenProvider("token-abc");
        await using var services = ConnectorTestHost.Build(tokenProvider: tokens);
        services.GetRequiredService<ServiceUrlTrustList>().Trust("http://connector.invalid/teams/");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync("http://connector.invalid/teams/", "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(0, ex.StatusCode);
        Assert.Equal("InsecureServiceUrl", ex.ErrorCode);
    }

    [Fact]
    public async Task Local_mode_sends_no_Authorization_header_even_to_an_untrusted_url()
    {
        await using var services = ConnectorTestHost.Build();
        Assert.IsType<AnonymousAccessTokenProvider>(services.GetRequiredService<IAccessTokenProvider>());

        await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"));

        Assert.Null(Assert.Single(_stub.Requests).Authorization);
    }

    [Fact]
    public async Task A_token_that_cannot_be_acquired_fails_the_call_before_anything_is_sent()
    {
        await using var services = ConnectorTestHost.Build(tokenProvider: new ThrowingTokenProvider());
        services.GetRequiredService<ServiceUrlTrustList>().Trust(_stub.ServiceUrl);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(0, ex.StatusCode);
        Assert.Equal("TokenAcquisitionFailed", ex.ErrorCode);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Empty(_stub.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://connector.invalid/")]
    [InlineData("https://user:pass@connector.invalid/")]
    public async Task A_service_url_that_is_not_an_absolute_http_url_is_refused(string serviceUrl)
    {
        await using var services = ConnectorTestHost.Build();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            Client(services).SendToConversationAsync(serviceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal("InvalidServiceUrl", ex.ErrorCode);
    }

    [Fact]
    public async Task A_service_url_without_a_trailing_slash_gets_the_same_paths()
    {
        await using var services = ConnectorTestHost.Build();

        await Client(services).SendToConversationAsync(_stub.ServiceUrl.TrimEnd('/'), "conv", Activity.CreateMessageActivity("x"));

        Assert.Equal("/_connector/v3/conversations/conv/activities", Assert.Single(_stub.Requests).RawTarget);
    }

    [Fact]
    public async Task Logs_name_the_operation_and_status_but_never_the_message_text_or_the_token()
    {
        var logs = new ListLoggerProvider();
        var tokens = new FixedTokenProvider("very-secret-token");
        await using var services = ConnectorTestHost.Build(tokenProvider: tokens, logs: logs);
        services.GetRequiredService<ServiceUrlTrustList>().Trust(_stub.ServiceUrl);
        _stub.Enqueue(
            StubResponse.Error(429, "TooManyRequests", "Slow down", ("Retry-After", "0")),
            StubResponse.Error(403, "BotNotInConversationRoster", "Not in roster"));
        var activity = Activity.CreateMessageActivity("A pupil told me something private");
        activity.Attachments = [Attachment.AdaptiveCard(new { type = "AdaptiveCard", body = new[] { new { type = "TextBlock", text = "card secret" } } })];

        await Assert.ThrowsAsync<ConnectorException>(() => Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", activity));

        var all = string.Join("\n", logs.Entries.Select(e => e.Message));
        Assert.Contains("SendToConversation", all, StringComparison.Ordinal);
        Assert.Contains("BotNotInConversationRoster", all, StringComparison.Ordinal);
        Assert.DoesNotContain("pupil told me", all, StringComparison.Ordinal);
        Assert.DoesNotContain("card secret", all, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-token", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Retry_After_of_zero_is_used_as_the_retry_delay()
    {
        var logs = new ListLoggerProvider();
        await using var services = ConnectorTestHost.Build(logs: logs);
        _stub.Enqueue(StubResponse.Error(429, "TooManyRequests", "Slow down", ("Retry-After", "0")));

        await Client(services).SendToConversationAsync(_stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x"));

        var retry = Assert.Single(logs.Entries, e => e.Message.StartsWith("Bot Connector SendToConversation: HTTP 429", StringComparison.Ordinal));
        Assert.Contains("Delay=00:00:00 ", retry.Message, StringComparison.Ordinal);
        Assert.Equal(2, _stub.Requests.Count);
    }
}
