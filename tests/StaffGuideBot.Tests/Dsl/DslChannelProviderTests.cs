using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.Guidance.Dsl;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>Configuration is fixed; the registered DSL channel is state kept beside it, never written into the options.</summary>
public sealed class DslChannelProviderTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/uk/";
    private static readonly DslChannelAddress Registered = new("19:registered@thread.tacv2", "team-r", "tenant-r", "https://smba.trafficmanager.net/amer/");

    [Fact]
    public void A_registered_channel_is_used_and_trusted_and_the_options_stay_as_configured()
    {
        var options = new DslOptions { DeliveryWarningAfter = TimeSpan.FromMinutes(2) };
        var trust = new ServiceUrlTrustList(Options.Create(new BotAuthenticationOptions()));
        var provider = new DslChannelProvider(Options.Create(options), trust);
        Assert.False(provider.IsConfigured);
        Assert.False(provider.Current.CanPost);

        provider.UseRegistered(Registered);

        Assert.Equal(Registered, provider.Current);
        Assert.True(provider.Current.CanPost);
        Assert.True(trust.IsTrusted(Registered.ServiceUrl));
        Assert.Null(options.ChannelId);
        Assert.Null(options.ServiceUrl);
        Assert.Null(options.TeamId);
        Assert.Null(options.TenantId);
    }

    [Fact]
    public void A_configured_channel_always_wins_over_a_registration_and_its_service_url_is_trusted_from_the_start()
    {
        var options = new DslOptions { ChannelId = "19:configured@thread.tacv2", ServiceUrl = ServiceUrl, TeamId = "team-c", TenantId = "tenant-c" };
        var trust = new ServiceUrlTrustList(Options.Create(new BotAuthenticationOptions()));
        var provider = new DslChannelProvider(Options.Create(options), trust);
        Assert.True(trust.IsTrusted(ServiceUrl));

        provider.UseRegistered(Registered);

        Assert.True(provider.IsConfigured);
        Assert.Equal(new DslChannelAddress("19:configured@thread.tacv2", "team-c", "tenant-c", ServiceUrl), provider.Current);
        Assert.False(trust.IsTrusted(Registered.ServiceUrl));
    }

    [Theory]
    [InlineData("19:c@thread.tacv2", null, false)]
    [InlineData("19:c@thread.tacv2", "not a url", false)]
    [InlineData("19:c@thread.tacv2", "ftp://example.org/", false)]
    [InlineData(" ", ServiceUrl, false)]
    [InlineData("19:c@thread.tacv2", ServiceUrl, true)]
    public void Reports_can_be_posted_only_with_a_channel_and_an_http_service_url(string? channelId, string? serviceUrl, bool canPost) =>
        Assert.Equal(canPost, new DslChannelAddress(channelId, null, null, serviceUrl).CanPost);
}
