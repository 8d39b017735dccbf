using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace StaffGuideBot.Tests.Http;

/// <summary>
/// <c>/healthz/live</c> and <c>/healthz/ready</c> for the platform: live while the process answers; ready unless
/// storage can't be written; degraded while something needs a person's attention. Storage failing is in
/// <c>FailedSaveTests</c>, a refused content change in <c>HotReloadTests</c>, a report waiting too long in
/// <c>DeliveryTests</c>.
/// </summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Live_answers_200_without_running_any_check()
    {
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Empty(body["checks"]!.AsObject());
    }

    [Fact]
    public async Task Ready_is_degraded_but_200_while_the_dsls_number_is_still_the_sample_and_names_each_check()
    {
        await using var factory = new BotApplicationFactory();
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Degraded", body["status"]!.GetValue<string>());
        var checks = body["checks"]!;
        Assert.Equal(["content", "credential", "delivery", "storage"], checks.AsObject().Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Degraded", checks["content"]!["status"]!.GetValue<string>());
        Assert.Contains("still a sample", checks["content"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks["storage"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", checks["credential"]!["status"]!.GetValue<string>());
        Assert.Equal("Healthy", checks["delivery"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_client_secret_expiring_within_30_days_is_in_the_summary_degrades_ready_and_is_logged_and_the_secret_shows_nowhere()
    {
        await using var factory = new BotApplicationFactory(new()
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppTenantId"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["MicrosoftAppPassword"] = "s3cr3t-value",
            ["MicrosoftAppPasswordExpiresOn"] = DateTimeOffset.UtcNow.AddDays(12).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = factory.CreateClient();

        var summary = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        var ready = await client.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative));

        var credential = JsonNode.Parse(summary)!["credential"]!;
        Assert.Equal("clientSecret", credential["kind"]!.GetValue<string>());
        Assert.Equal("expiring", credential["status"]!.GetValue<string>());
        Assert.InRange(credential["daysLeft"]!.GetValue<int>(), 11, 12);
        Assert.Equal("Degraded", JsonNode.Parse(ready)!["checks"]!["credential"]!["status"]!.GetValue<string>());
        Assert.Contains(factory.Logs, line => line.Contains("clientSecret expires on", StringComparison.Ordinal));
        Assert.DoesNotContain("s3cr3t-value", summary + ready + string.Join("\n", factory.Logs), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_that_throws_is_unhealthy_and_its_exception_text_never_reaches_the_public_endpoint()
    {
        await using var factory = new BotApplicationFactory
        {
            ConfigureServicesForTest = services => services.AddHealthChecks().AddCheck(
                "throws",
                () => throw new InvalidOperationException("could not reach Host=db-7f3a.example.org as staffguidebot"),
                tags: [BotFramework.Hosting.BotFrameworkServiceCollectionExtensions.ReadyTag]),
        };
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("Unhealthy", JsonNode.Parse(text)!["checks"]!["throws"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("db-7f3a", text, StringComparison.Ordinal);
    }
}
