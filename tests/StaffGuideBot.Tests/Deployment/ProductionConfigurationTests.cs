using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.Hosting;
using StaffGuideBot.Tests.Configuration;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Deployment;

/// <summary>
/// The Production environment (what infra/main.bicep sets): no local mode where others can reach it, the school's
/// tenant named, the bot's token sent to Teams service URLs only, the platform's port.
/// </summary>
public class ProductionConfigurationTests
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private static readonly string[] Deployed =
    [
        "--environment=Production", "--MicrosoftAppType=UserAssignedMSI", $"--MicrosoftAppId={AppId}", $"--MicrosoftAppTenantId={Tenant}",
    ];

    public static TheoryData<string, string, string[]> Refusals => new()
    {
        { "local mode on every address", "Local mode", ["--environment=Production", "--urls=http://0.0.0.0:0"] },
        { "local mode on the platform's port", "Local mode", ["--environment=Production", "--http_ports=8080"] },
        { "local mode forced onto other addresses", "AllowAnonymousOnNonLoopback", ["--environment=Production", "--BotAuthentication:AllowAnonymousOnNonLoopback=true"] },
        { "no allowed tenant", "AllowedTenants", Deployed },
        { "a trusted service URL that is not Teams'", "TrustedServiceUrls", [.. Deployed, $"--BotAuthentication:AllowedTenants:0={Tenant}", "--BotAuthentication:TrustedServiceUrls:0=https://collector.example.org/"] },
        { "the DSL channel's service URL over http", "Dsl:ServiceUrl", [.. Deployed, $"--BotAuthentication:AllowedTenants:0={Tenant}", "--Dsl:ServiceUrl=http://smba.trafficmanager.net/uk/"] },
        { "memory storage", "Storage:Provider", [.. Deployed, $"--BotAuthentication:AllowedTenants:0={Tenant}", "--Storage:Provider=Memory"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public Task The_production_configuration_refuses_to_start_with_one_line_naming_what_is_wrong(string why, string named, string[] settings) =>
        StartupIdentityTests.AssertStopsWithOneLineAsync(settings, "StaffGuideBot cannot start in Production: ", named, why);

    [Fact]
    public void What_the_template_deploys_passes()
    {
        var problems = ProductionRequirements.Check(Production(DeployedSettings()), new Environment("Production"));

        Assert.Empty(problems);
    }

    [Fact]
    public void Local_mode_on_this_computer_only_may_run_in_production_for_a_benchmark()
    {
        var configuration = Production(new() { ["urls"] = "http://127.0.0.1:45003" });

        Assert.Empty(ProductionRequirements.Check(configuration, new Environment("Production")));
    }

    [Fact]
    public void Outside_production_nothing_is_required()
    {
        var configuration = Production(new() { ["urls"] = "http://0.0.0.0:3978", ["MicrosoftAppId"] = AppId });

        Assert.Empty(ProductionRequirements.Check(configuration, new Environment("Development")));
    }

    [Theory]
    [InlineData("Production", null, null, AppId, "http://+:8080")]
    [InlineData("Production", null, "8181", AppId, "http://+:8181")]
    [InlineData("Production", "http://127.0.0.1:45003", null, "", null)]
    [InlineData("Production", null, null, "", ListenAddresses.Local)]
    [InlineData("Development", null, null, AppId, ListenAddresses.Local)]
    [InlineData("Development", null, "8181", "", ListenAddresses.Local)]
    public void The_bot_listens_where_the_platform_expects(string environment, string? urls, string? port, string appId, string? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["PORT"] = port,
            ["MicrosoftAppId"] = appId,
        }).Build();

        Assert.Equal(expected, ListenAddresses.Default(configuration, new Environment(environment)));
    }

    [Fact]
    public void In_production_a_service_url_on_another_host_is_never_trusted_however_it_arrives()
    {
        var options = Production(DeployedSettings()).GetSection(BotAuthenticationOptions.SectionName).Get<BotAuthenticationOptions>()!;
        var trust = new ServiceUrlTrustList(Options.Create(options));

        trust.Trust("https://collector.example.org/api/");
        trust.Trust("https://smba.trafficmanager.net/emea/");

        Assert.False(trust.IsTrusted("https://collector.example.org/api/"));
        Assert.True(trust.IsTrusted("https://smba.trafficmanager.net/emea/"));
        Assert.True(trust.IsTrusted("https://smba.trafficmanager.net/uk/"));
    }

    /// <summary>The settings infra/main.bicep gives the web app (the parts these checks read).</summary>
    internal static Dictionary<string, string?> DeployedSettings() => new()
    {
        ["http_ports"] = "8080",
        ["MicrosoftAppType"] = "UserAssignedMSI",
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppTenantId"] = Tenant,
        ["BotAuthentication:AllowedTenants:0"] = Tenant,
        ["BotAuthentication:TrustedServiceUrls:0"] = "https://smba.trafficmanager.net/uk/",
        ["Dsl:ServiceUrl"] = "https://smba.trafficmanager.net/uk/",
        ["Storage:Provider"] = "Postgres",
        ["Storage:PostgresConnectionString"] = "Host=db.example.org;Database=staffguidebot;Username=bot;SSL Mode=VerifyFull",
    };

    /// <summary>appsettings.json and appsettings.Production.json as shipped, then <paramref name="settings"/>.</summary>
    private static IConfiguration Production(Dictionary<string, string?> settings) => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot", "appsettings.json"))
        .AddJsonFile(Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot", "appsettings.Production.json"))
        .AddInMemoryCollection(settings)
        .Build();

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "StaffGuideBot";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
