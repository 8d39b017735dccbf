using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Tests.Http;

/// <summary>Inbound authentication through the real HTTP pipeline, against a local OpenID metadata endpoint.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string AllowedCaller = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string OtherApp = "bbbbbbbb-0000-0000-0000-000000000002";
    private const string UnknownServiceUrl = "https://attacker.example/";

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
            ["BotAuthentication:AllowedCallers:0"] = AllowedCaller,
            ["BotAuthentication:TrustedServiceUrls:0"] = Activities.ServiceUrl,
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

    [Theory]
    [InlineData("the bot itself (v2 azp)", AppId, false)]
    [InlineData("the bot itself (v1 appid)", AppId, true)]
    [InlineData("an allowed caller (v2 azp)", AllowedCaller, false)]
    [InlineData("an allowed caller (v1 appid)", AllowedCaller, true)]
    public async Task A_valid_entra_token_from_an_allowed_caller_is_accepted_for_a_trusted_service_url(string why, string caller, bool v1)
    {
        var activity = Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies);

        var response = await _client.SendAsync(Activities.Post(activity, LocalOpenIdServer.EntraToken(AppId, caller: caller, v1: v1)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{why}: got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("another app of the tenant (v2 azp)", OtherApp, false)]
    [InlineData("another app of the tenant (v1 appid)", OtherApp, true)]
    [InlineData("no caller claim (v2)", null, false)]
    [InlineData("no caller claim (v1)", null, true)]
    public async Task An_entra_token_asked_for_by_an_app_not_allowed_is_refused_with_401(string why, string? caller, bool v1)
    {
        var response = await _client.SendAsync(Activities.Post(Activities.Message("hello"), LocalOpenIdServer.EntraToken(AppId, caller: caller, v1: v1)));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: got {(int)response.StatusCode}");
        AssertNothingSent();
    }

    [Fact]
    public async Task An_entra_token_never_makes_a_new_service_url_trusted_the_request_is_refused_and_nothing_is_sent_there()
    {
        var activity = Activities.Message("hello");
        activity.ServiceUrl = UnknownServiceUrl;

        var response = await _client.SendAsync(Activities.Post(activity, LocalOpenIdServer.EntraToken(AppId, caller: AppId)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingSent();
        Assert.False(_factory.Services.GetRequiredService<ServiceUrlTrustList>().IsTrusted(UnknownServiceUrl));
    }

    [Fact]
    public async Task A_service_url_named_in_a_channel_tokens_claim_is_trusted_and_then_usable_with_an_entra_token()
    {
        const string Emea = "https://smba.trafficmanager.net/emea/";
        var trustList = _factory.Services.GetRequiredService<ServiceUrlTrustList>();
        var first = Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies);
        first.ServiceUrl = Emea;
        var second = Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies);
        second.ServiceUrl = Emea;

        Assert.False(trustList.IsTrusted(Emea));
        var channel = await _client.SendAsync(Activities.Post(first, LocalOpenIdServer.ChannelToken(AppId, Emea)));
        var entra = await _client.SendAsync(Activities.Post(second, LocalOpenIdServer.EntraToken(AppId, caller: AppId)));

        Assert.Equal(HttpStatusCode.OK, channel.StatusCode);
        Assert.True(trustList.IsTrusted(Emea));
        Assert.Equal(HttpStatusCode.OK, entra.StatusCode);
    }

    public static TheoryData<string, string> MalformedAuthorizationHeaders() => new()
    {
        { "not a JWT with dots", "Bearer not.a.jwt" },
        { "empty bearer", "Bearer " },
        { "bearer and spaces", "Bearer      " },
        { "wrong scheme", "Basic dXNlcjpwYXNz" },
        { "no scheme", LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl) },
        { "non-base64 segments", "Bearer a$b%.c^d&.e*f(" },
        { "base64 but not JSON", "Bearer aGVsbG8.d29ybGQ.c2ln" },
        { "JSON header that is an array", "Bearer WzEsMl0.e30.c2ln" },
        { "alg none", "Bearer " + LocalOpenIdServer.UnsignedChannelToken(AppId, Activities.ServiceUrl) },
        { "huge token", "Bearer " + new string('A', 60_000) + "." + new string('B', 60_000) + ".c2ln" },
        { "two tokens", "Bearer " + LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl) + " " + LocalOpenIdServer.ChannelToken(AppId, Activities.ServiceUrl) },
        { "five segments", "Bearer a.b.c.d.e" },
    };

    [Theory]
    [MemberData(nameof(MalformedAuthorizationHeaders))]
    public async Task A_malformed_or_undecodable_token_is_refused_with_401_never_500(string why, string header)
    {
        var request = Activities.Post(Activities.Message("hello"));
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await _client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: got {(int)response.StatusCode}");
        AssertNothingSent();
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
            { "entra token from another tenant", LocalOpenIdServer.EntraToken(AppId, "tenant-b", caller: AppId) },
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
