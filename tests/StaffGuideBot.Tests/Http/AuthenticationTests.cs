using System.Net;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Tests.Http;

/// <summary>Inbound authentication through the real HTTP pipeline, against a local OpenID metadata endpoint.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    private LocalOpenIdServer _openId = null!;
    private BotApplicationFactory _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _openId = await LocalOpenIdServer.StartAsync();
        _factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-in-these-tests",
            ["MicrosoftAppTenantId"] = LocalOpenIdServer.TenantId,
            ["BotAuthentication:ChannelOpenIdMetadataUrl"] = _openId.ChannelMetadataUrl,
            ["BotAuthentication:EntraOpenIdMetadataUrl"] = _openId.EntraMetadataUrl,
            ["BotAuthentication:AllowedTenants:0"] = LocalOpenIdServer.TenantId,
        }, remoteAddress: IPAddress.Parse("52.112.0.10"));
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _openId.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_channel_token_is_accepted_and_the_turn_runs()
    {
        var activity = Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies);

        var response = await _client.SendAsync(Activities.Post(activity, LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = BotJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!;
        Assert.NotEmpty(replies.Activities);
    }

    [Fact]
    public async Task A_valid_entra_token_for_the_bots_tenant_is_accepted()
    {
        var activity = Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies);

        var response = await _client.SendAsync(Activities.Post(activity, LocalOpenIdServer.EntraToken(AppId)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> RefusedTokens()
    {
        var serviceUrl = Activities.ServiceUrl;
        return new TheoryData<string, string>
        {
            { "expired", LocalOpenIdServer.ChannelToken(AppId, serviceUrl, expires: DateTime.UtcNow.AddMinutes(-30)) },
            { "wrong audience", LocalOpenIdServer.ChannelToken("99999999-9999-9999-9999-999999999999", serviceUrl) },
            { "wrong issuer", LocalOpenIdServer.ChannelToken(AppId, serviceUrl, issuer: "https://evil.example") },
            { "key endorsed for another channel", LocalOpenIdServer.ChannelToken(AppId, serviceUrl, LocalOpenIdServer.OtherChannelKey) },
            { "key the metadata never published", LocalOpenIdServer.ChannelToken(AppId, serviceUrl, LocalOpenIdServer.UnpublishedKey) },
            { "serviceurl claim for another service", LocalOpenIdServer.ChannelToken(AppId, "https://attacker.example/") },
            { "entra token from another tenant", LocalOpenIdServer.EntraToken(AppId, "tenant-b") },
            { "not a JWT", "garbage" },
        };
    }

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_is_refused_with_401_and_the_bot_does_not_run(string why, string token)
    {
        var response = await _client.SendAsync(Activities.Post(Activities.Message("hello"), token));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: got {(int)response.StatusCode}");
        AssertNothingSent();
    }

    [Fact]
    public async Task A_request_without_a_token_is_refused_with_401()
    {
        var response = await _client.SendAsync(Activities.Post(Activities.Message("hello")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        AssertNothingSent();
    }

    [Fact]
    public async Task An_activity_from_a_tenant_not_on_the_allow_list_is_refused_with_403()
    {
        var activity = Activities.Message("hello", tenant: "tenant-other");

        var response = await _client.SendAsync(Activities.Post(activity, LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingSent();
    }

    [Fact]
    public async Task A_token_signed_with_an_unpublished_key_never_validates_even_with_the_same_key_id()
    {
        Assert.Equal(LocalOpenIdServer.TeamsKey.KeyId, LocalOpenIdServer.UnpublishedKey.KeyId);
        var token = LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl, LocalOpenIdServer.UnpublishedKey);

        var response = await _client.SendAsync(Activities.Post(Activities.Message("hello"), token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private void AssertNothingSent() => Assert.Empty(_factory.Connector.Invocations);
}
