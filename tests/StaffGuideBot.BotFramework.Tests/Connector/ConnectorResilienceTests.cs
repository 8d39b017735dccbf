using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Connector;

namespace StaffGuideBot.BotFramework.Tests.Connector;

public sealed class ConnectorResilienceTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    [Fact]
    public void Retry_After_in_seconds_is_the_delay()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorResilience.GetRetryAfterDelay(response, new FakeTimeProvider(Now), MaxDelay));
    }

    [Fact]
    public void Retry_After_as_an_HTTP_date_is_the_time_until_then()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "Mon, 02 Mar 2026 09:00:12 GMT");

        Assert.Equal(TimeSpan.FromSeconds(12), ConnectorResilience.GetRetryAfterDelay(response, new FakeTimeProvider(Now), MaxDelay));
    }

    [Fact]
    public void Retry_After_in_the_past_means_now()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddMinutes(-1));

        Assert.Equal(TimeSpan.Zero, ConnectorResilience.GetRetryAfterDelay(response, new FakeTimeProvider(Now), MaxDelay));
    }

    [Fact]
    public void Retry_After_longer_than_the_maximum_is_capped()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));

        Assert.Equal(MaxDelay, ConnectorResilience.GetRetryAfterDelay(response, new FakeTimeProvider(Now), MaxDelay));
    }

    [Fact]
    public void Without_Retry_After_the_backoff_decides()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(ConnectorResilience.GetRetryAfterDelay(response, new FakeTimeProvider(Now), MaxDelay));
        Assert.Null(ConnectorResilience.GetRetryAfterDelay(null, new FakeTimeProvider(Now), MaxDelay));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(412, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(501, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    public void Only_throttling_and_gateway_statuses_are_transient(int status, bool transient) =>
        Assert.Equal(transient, ConnectorResilience.IsTransient((HttpStatusCode)status));

    [Fact]
    public void Conversation_ids_are_escaped_as_one_path_segment()
    {
        Assert.Equal("19%3Aabc%40thread.tacv2%3Bmessageid%3D123", ConnectorClient.Escape("19:abc@thread.tacv2;messageid=123"));
        Assert.Equal("a%2Fb%3Fc%23d%20e", ConnectorClient.Escape("a/b?c#d e"));
    }

    [Fact]
    public void Options_have_the_documented_defaults()
    {
        var options = new ConnectorOptions();

        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.Equal(7, options.MessagesPerSecondPerConversation);
        Assert.True(new ConnectorOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Nonsense_options_fail_validation_with_the_key_named()
    {
        var options = new ConnectorOptions
        {
            MaxRetryAttempts = -1,
            BaseDelay = TimeSpan.Zero,
            MaxDelay = TimeSpan.FromHours(2),
            RequestTimeout = TimeSpan.Zero,
            MessagesPerSecondPerConversation = 0,
            MaxQueuedMessagesPerConversation = -1,
        };

        var result = new ConnectorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        foreach (var key in new[] { "MaxRetryAttempts", "BaseDelay", "MaxDelay", "RequestTimeout", "MessagesPerSecondPerConversation", "MaxQueuedMessagesPerConversation" })
        {
            Assert.Contains(result.Failures!, f => f.Contains($"Connector:{key}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Options_are_bound_from_the_Connector_section()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["Connector:MaxRetryAttempts"] = "2",
            ["Connector:MessagesPerSecondPerConversation"] = "3",
            ["Connector:RequestTimeout"] = "00:00:15",
        });

        var options = services.GetRequiredService<IOptions<ConnectorOptions>>().Value;

        Assert.Equal(2, options.MaxRetryAttempts);
        Assert.Equal(3, options.MessagesPerSecondPerConversation);
        Assert.Equal(TimeSpan.FromSeconds(15), options.RequestTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.MaxDelay);
    }
}
