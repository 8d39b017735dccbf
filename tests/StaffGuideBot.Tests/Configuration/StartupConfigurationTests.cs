using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;

namespace StaffGuideBot.Tests.Configuration;

/// <summary>Every configuration section with rules is checked at start-up: a bad value stops the host with exit code 1 and one line naming the key.</summary>
public class StartupConfigurationTests
{
    [Theory]
    [InlineData("Dsl:ServiceUrl", "--Dsl:ServiceUrl=smba.trafficmanager.net/uk")]
    [InlineData("Dsl:DeliveryWarningAfter", "--Dsl:DeliveryWarningAfter=00:00:00")]
    [InlineData("Dsl:Allegations:Roster", "--Dsl:Allegations:ChannelId=19:heads@thread.tacv2")]
    [InlineData("Content:Pack", "--Content:Pack=../england")]
    [InlineData("Storage:Provider", "--Storage:Provider=Postgres")]
    [InlineData("BotEndpoint:MaxRequestBodyBytes", "--BotEndpoint:MaxRequestBodyBytes=0")]
    [InlineData("BotAuthentication:ChannelOpenIdMetadataUrl", "--BotAuthentication:ChannelOpenIdMetadataUrl=not a url")]
    [InlineData("Connector:MaxRetryAttempts", "--Connector:MaxRetryAttempts=-1")]
    [InlineData("Dsl:AcknowledgeWithin", "--Dsl:AcknowledgeWithin=fifteen minutes")]
    [InlineData("MicrosoftAppPasswordExpiresOn", "--MicrosoftAppPasswordExpiresOn=30/06/2027")]
    [InlineData("BotEndpoint:MaxRequestBodyBytes", "--BotEndpoint:MaxRequestBodyBytes=lots")]
    public Task A_bad_value_stops_the_host_with_exit_code_1_and_one_line_naming_the_key(string key, string setting) =>
        StartupIdentityTests.AssertStopsWithOneLineAsync([setting], "StaffGuideBot cannot start, the configuration is invalid: ", key, key);

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DslOptionsValidator().Validate(null, new DslOptions()).Succeeded);
        Assert.True(new ContentOptionsValidator().Validate(null, new ContentOptions()).Succeeded);
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions()).Succeeded);
        Assert.True(new BotEndpointOptionsValidator().Validate(null, new BotEndpointOptions()).Succeeded);
        Assert.True(new BotAuthenticationOptionsValidator().Validate(null, new BotAuthenticationOptions()).Succeeded);
    }

    [Theory]
    [InlineData("Host=db.example.org;Database=staffguidebot;Username=bot;SSL Mode=VerifyFull;Password=hunter2", "11111111-2222-3333-4444-555555555555", "Storage:PostgresConnectionString")]
    [InlineData("Host=db.example.org;Database=staffguidebot;Username=bot;SSL Mode=VerifyFull", "the identity", "Storage:PostgresEntraClientId")]
    [InlineData("Host=db.example.org;Database=staffguidebot;Username=bot;SSL Mode=Require", "11111111-2222-3333-4444-555555555555", "Storage:PostgresConnectionString")]
    public void Signing_in_to_postgres_with_the_managed_identity_needs_its_client_id_no_password_and_a_checked_certificate(string connectionString, string clientId, string named)
    {
        var options = new StorageOptions { Provider = "Postgres", PostgresConnectionString = connectionString, PostgresEntraClientId = clientId };

        var failure = Assert.Single(new StorageOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith(named + " ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_rule_of_the_dsl_section_names_its_key()
    {
        var options = new DslOptions
        {
            ServiceUrl = "ftp://example.org/",
            DeliveryWarningAfter = TimeSpan.Zero,
            AcknowledgeWithin = TimeSpan.FromMinutes(-1),
            UrgentAcknowledgeWithin = TimeSpan.FromMinutes(-1),
            EscalateAfterReminders = 7,
            SchoolHours = new() { Start = new TimeOnly(17, 0), End = new TimeOnly(8, 0) },
        };
        options.Roster.Add(" ");
        options.Deputies.Add(string.Empty);

        var result = new DslOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["Dsl:ServiceUrl", "Dsl:DeliveryWarningAfter", "Dsl:AcknowledgeWithin", "Dsl:EscalateAfterReminders", "Dsl:SchoolHours:End", "Dsl:UrgentAcknowledgeWithin", "Dsl:Roster", "Dsl:Deputies"],
            result.Failures!.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void An_allegations_channel_needs_its_own_roster_and_must_not_be_the_dsl_channel()
    {
        var options = new DslOptions { ChannelId = "19:dsl@thread.tacv2" };
        options.Allegations.ChannelId = "19:DSL@thread.tacv2";
        options.Allegations.ServiceUrl = "smba.trafficmanager.net/uk";
        options.Allegations.Roster.Add(string.Empty);

        var result = new DslOptionsValidator().Validate(null, options);

        Assert.Equal(
            ["Dsl:Allegations:ServiceUrl", "Dsl:Allegations:Roster", "Dsl:Allegations:Roster", "Dsl:Allegations:ChannelId"],
            result.Failures!.Select(f => f.Split(' ')[0]));
    }

    [Fact]
    public void Someone_may_be_on_both_rosters_and_a_roster_without_a_configured_channel_is_fine()
    {
        var options = new DslOptions { ChannelId = "19:dsl@thread.tacv2" };
        options.Roster.Add("aad-head-who-is-also-dsl");
        options.Allegations.Roster.Add("aad-head-who-is-also-dsl");
        Assert.True(new DslOptionsValidator().Validate(null, options).Succeeded);

        options.Allegations.ChannelId = "19:heads@thread.tacv2";
        Assert.True(new DslOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("england/../../etc")]
    public void A_content_pack_names_one_folder(string pack) =>
        Assert.Contains("Content:Pack", new ContentOptionsValidator().Validate(null, new ContentOptions { Pack = pack }).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Storage_needs_a_known_provider_and_a_file_for_sqlite()
    {
        Assert.Contains("Storage:Provider", new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "Postgres" }).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Storage:SqlitePath", new StorageOptionsValidator().Validate(null, new StorageOptions { SqlitePath = " " }).FailureMessage, StringComparison.Ordinal);
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = " memory ", SqlitePath = string.Empty }).Succeeded);
    }

    [Fact]
    public void Authentication_urls_and_lists_are_checked()
    {
        var options = new BotAuthenticationOptions { EntraAuthorityHost = "login.microsoftonline.com", ClockSkew = TimeSpan.FromHours(2) };
        options.TrustedServiceUrls.Add("smba.trafficmanager.net");
        options.AllowedTenants.Add(" ");

        var message = new BotAuthenticationOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("BotAuthentication:EntraAuthorityHost", message, StringComparison.Ordinal);
        Assert.Contains("BotAuthentication:ClockSkew", message, StringComparison.Ordinal);
        Assert.Contains("BotAuthentication:TrustedServiceUrls", message, StringComparison.Ordinal);
        Assert.Contains("BotAuthentication:AllowedTenants", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_limit_is_positive_and_bounded()
    {
        Assert.False(new BotEndpointOptionsValidator().Validate(null, new BotEndpointOptions { MaxRequestBodyBytes = -1 }).Succeeded);
        Assert.False(new BotEndpointOptionsValidator().Validate(null, new BotEndpointOptions { MaxRequestBodyBytes = BotEndpointOptionsValidator.MaxBodyLimit + 1 }).Succeeded);
        Assert.True(new BotEndpointOptionsValidator().Validate(null, new BotEndpointOptions { MaxRequestBodyBytes = 1 }).Succeeded);
    }
}
