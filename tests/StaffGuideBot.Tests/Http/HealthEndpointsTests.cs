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
    public async Task Ready_is_degraded_while_the_bots_secret_expires_within_30_days()
    {
        await using var factory = new BotApplicationFactory(new()
        {
            ["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555",
            ["MicrosoftAppTenantId"] = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
            ["MicrosoftAppPassword"] = "s3cr3t-value",
            ["MicrosoftAppPasswordExpiresOn"] = DateTimeOffset.UtcNow.AddDays(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = factory.CreateClient();

        var text = await client.GetStringAsync(new Uri("/healthz/ready", UriKind.Relative));

        Assert.Equal("Degraded", JsonNode.Parse(text)!["checks"]!["credential"]!["status"]!.GetValue<string>());
        Assert.DoesNotContain("s3cr3t-value", text, StringComparison.Ordinal);
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
