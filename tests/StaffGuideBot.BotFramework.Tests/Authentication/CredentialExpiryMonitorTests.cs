using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Tests.Connector;

namespace StaffGuideBot.BotFramework.Tests.Authentication;

/// <summary>The warning before a client secret or certificate expires, on a clock the test moves.</summary>
public sealed class CredentialExpiryMonitorTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLoggerProvider _logs = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("staffguidebot-cert").FullName;

    [Fact]
    public void A_secret_is_ok_until_30_days_before_it_expires_then_warns_daily_and_then_is_expired()
    {
        var monitor = Monitor(new BotIdentityOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppTenantId = "tenant", MicrosoftAppPassword = "s3cr3t-value",
            MicrosoftAppPasswordExpiresOn = _clock.GetUtcNow().AddDays(45),
        });

        monitor.Check();
        Assert.Equal("ok", monitor.Status);
        Assert.Empty(_logs.Entries);

        _clock.Advance(TimeSpan.FromDays(15) + TimeSpan.FromMinutes(1));
        monitor.Check();
        Assert.Equal("expiring", monitor.Status);
        var warning = Assert.Single(_logs.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("clientSecret expires on 2027-01-17 (30 days)", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", warning.Message, StringComparison.Ordinal);
        var health = monitor.Describe();
        Assert.Equal("expiring", (string?)health["status"]);
        Assert.Equal("2027-01-17", (string?)health["expiresOn"]);
        Assert.Equal(29, (int?)health["daysLeft"]);

        _clock.Advance(TimeSpan.FromDays(30));
        monitor.Check();
        Assert.Equal("expired", monitor.Status);
        Assert.Equal(LogLevel.Error, _logs.Entries[^1].Level);
        Assert.Equal(0, (int?)monitor.Describe()["daysLeft"]);
    }

    [Fact]
    public void A_secret_without_a_known_expiry_says_what_to_set()
    {
        var monitor = Monitor(new BotIdentityOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = "tenant", MicrosoftAppPassword = "secret" });

        monitor.Check();

        Assert.Equal("unknown", monitor.Status);
        Assert.Contains("MicrosoftAppPasswordExpiresOn is not set", Assert.Single(_logs.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificates_own_expiry_is_read_from_the_certificate()
    {
        var path = Path.Combine(_folder, "bot.pfx");
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=StaffGuideBot test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(_clock.GetUtcNow().AddDays(-1), _clock.GetUtcNow().AddDays(10));
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx));
        }

        var monitor = Monitor(new BotIdentityOptions { MicrosoftAppId = AppId, MicrosoftAppTenantId = "tenant", MicrosoftAppCertificatePath = path });

        monitor.Check();

        Assert.Equal("expiring", monitor.Status);
        Assert.Equal("certificate", (string?)monitor.Describe()["kind"]);
        Assert.Contains("certificate expires on 2026-12-13", Assert.Single(_logs.Entries).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UserAssignedMSI", AppId)]
    [InlineData(null, "")]
    public void A_managed_identity_or_local_mode_has_nothing_to_expire(string? appType, string appId)
    {
        var monitor = Monitor(new BotIdentityOptions { MicrosoftAppType = appType, MicrosoftAppId = appId, MicrosoftAppTenantId = "tenant" });

        _clock.Advance(TimeSpan.FromDays(3650));
        monitor.Check();

        Assert.Equal("none", monitor.Status);
        Assert.Empty(_logs.Entries);
        Assert.Null(monitor.Describe()["expiresOn"]);
    }

    public void Dispose()
    {
        _logs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private CredentialExpiryMonitor Monitor(BotIdentityOptions identity)
    {
        var factory = LoggerFactory.Create(builder => builder.AddProvider(_logs));
        return new CredentialExpiryMonitor(Options.Create(identity), _clock, factory.CreateLogger<CredentialExpiryMonitor>());
    }
}
