using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Connector;

public sealed class ConnectorRegistrationTests
{
    private static IConfiguration Config(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public async Task Without_an_app_id_the_connector_runs_in_local_mode()
    {
        await using var services = ConnectorTestHost.Build();

        Assert.IsType<ConnectorClient>(services.GetRequiredService<IConnectorClient>());
        Assert.IsType<AnonymousAccessTokenProvider>(services.GetRequiredService<IAccessTokenProvider>());
        services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public async Task The_bot_identity_is_read_from_the_top_level_keys()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "app-id",
            ["MicrosoftAppPassword"] = "s3cret",
            ["MicrosoftAppTenantId"] = "tenant-id",
        });

        services.GetRequiredService<IStartupValidator>().Validate();
        var msal = Assert.IsType<MsalAccessTokenProvider>(services.GetRequiredService<IAccessTokenProvider>());
        Assert.Equal("https://login.microsoftonline.com/tenant-id/", msal.Application.Authority);
        Assert.Same(services.GetRequiredService<IAccessTokenProvider>(), services.GetRequiredService<IAccessTokenProvider>());
    }

    [Fact]
    public async Task The_BotAuthentication_section_sets_the_authority_host_and_scope()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = "app-id",
            ["MicrosoftAppPassword"] = "s3cret",
            ["BotAuthentication:EntraAuthorityHost"] = "https://login.microsoftonline.us",
            ["BotAuthentication:ConnectorScope"] = "https://api.botframework.us/.default",
        });

        var msal = Assert.IsType<MsalAccessTokenProvider>(services.GetRequiredService<IAccessTokenProvider>());
        Assert.Equal("https://login.microsoftonline.us/botframework.com/", msal.Application.Authority);
        Assert.Equal(["https://api.botframework.us/.default"], msal.Scopes);
    }

    [Fact]
    public async Task An_incomplete_identity_fails_at_start_up_with_the_missing_key_named()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "app-id",
            ["MicrosoftAppPassword"] = "s3cret",
        });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("MicrosoftAppTenantId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_connector_options_fail_at_start_up()
    {
        await using var services = ConnectorTestHost.Build(new Dictionary<string, string?> { ["Connector:MessagesPerSecondPerConversation"] = "0" });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("MessagesPerSecondPerConversation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_twice_or_after_the_host_keeps_one_of_everything()
    {
        var configuration = Config(new Dictionary<string, string?> { ["BotAuthentication:TrustedServiceUrls:0"] = "https://smba.trafficmanager.net/teams/" });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<BotAuthenticationOptions>().Bind(configuration.GetSection(BotAuthenticationOptions.SectionName));
        services.AddSingleton<ServiceUrlTrustList>();

        services.AddBotConnector(configuration);
        services.AddBotConnector(configuration);

        Assert.Single(services, d => d.ServiceType == typeof(ServiceUrlTrustList));
        Assert.Single(services, d => d.ServiceType == typeof(IConnectorClient));
        Assert.Single(services, d => d.ServiceType == typeof(IAccessTokenProvider));
        await using var provider = services.BuildServiceProvider();
        Assert.Single(provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value.TrustedServiceUrls);
        Assert.True(provider.GetRequiredService<ServiceUrlTrustList>().IsTrusted("https://smba.trafficmanager.net/teams"));
        Assert.Same(provider.GetRequiredService<IConnectorClient>(), provider.GetRequiredService<IConnectorClient>());
    }

    [Fact]
    public async Task The_connector_never_follows_a_redirect()
    {
        await using var stub = await StubConnectorServer.StartAsync();
        await using var services = ConnectorTestHost.Build(tokenProvider: new FixedTokenProvider("token-abc"));
        services.GetRequiredService<ServiceUrlTrustList>().Trust(stub.ServiceUrl);
        stub.Enqueue(new StubResponse(302, null, new Dictionary<string, string> { ["Location"] = stub.ServiceUrl + "elsewhere" }));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            services.GetRequiredService<IConnectorClient>().SendToConversationAsync(stub.ServiceUrl, "conv", Activity.CreateMessageActivity("x")));

        Assert.Equal(302, ex.StatusCode);
        Assert.Single(stub.Requests);
    }
}
