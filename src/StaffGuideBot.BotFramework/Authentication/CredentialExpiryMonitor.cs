using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Hosting;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// Warns before the bot's credential expires, so the bot doesn't go silent one morning: a client secret (its expiry from
/// <see cref="BotIdentityOptions.MicrosoftAppPasswordExpiresOn"/>) or a certificate (its own expiry). From
/// <see cref="WarnBefore"/> ahead it logs a warning once a day and <c>GET /healthz</c> says "expiring"; once past, an
/// error and "expired". A secret without a configured expiry is "unknown", with a warning saying what to set. A managed
/// identity has nothing to expire.
/// </summary>
public sealed partial class CredentialExpiryMonitor(
    IOptions<BotIdentityOptions> identity,
    TimeProvider clock,
    ILogger<CredentialExpiryMonitor> logger) : PeriodicBackgroundService(clock, logger), IHealthReporter, IHealthCheck
{
    /// <summary>How long before the expiry the warnings start.</summary>
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(30);

    private readonly Lazy<(BotCredentialKind Kind, DateTimeOffset? ExpiresOn)> _credential = new(() => Read(identity.Value));

    public string Name => "credential";

    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override string WorkName => "The credential expiry check";

    protected override bool RunAtStart => true;

    /// <summary>The credential's state now: <c>none</c> (nothing expires), <c>ok</c>, <c>expiring</c>, <c>expired</c> or <c>unknown</c>.</summary>
    public string Status
    {
        get
        {
            var (kind, expiresOn) = _credential.Value;
            if (kind is BotCredentialKind.None or BotCredentialKind.UserAssignedManagedIdentity)
            {
                return "none";
            }

            if (expiresOn is not { } expiry)
            {
                return "unknown";
            }

            var now = Clock.GetUtcNow();
            return now >= expiry ? "expired" : expiry - now <= WarnBefore ? "expiring" : "ok";
        }
    }

    public JsonNode Describe()
    {
        var (kind, expiresOn) = _credential.Value;
        var section = new JsonObject { ["kind"] = KindName(kind), ["status"] = Status };
        if (expiresOn is { } expiry)
        {
            section["expiresOn"] = expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            section["daysLeft"] = Math.Max(0, (int)Math.Floor((expiry - Clock.GetUtcNow()).TotalDays));
        }

        return section;
    }

    /// <summary>Degraded (for <c>GET /healthz/ready</c>) while the credential expires within <see cref="WarnBefore"/>, has expired, or its expiry is unknown.</summary>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Status switch
        {
            "expiring" => HealthCheckResult.Degraded("The bot's credential expires within 30 days."),
            "expired" => HealthCheckResult.Degraded("The bot's credential has expired: Teams can't be reached."),
            "unknown" => HealthCheckResult.Degraded("The bot's credential expiry is unknown (MicrosoftAppPasswordExpiresOn)."),
            _ => HealthCheckResult.Healthy("The bot's credential is not near expiry."),
        });

    /// <summary>Logs what <see cref="Status"/> calls for (nothing when all is well). Runs at start and once a day.</summary>
    public void Check()
    {
        var (kind, expiresOn) = _credential.Value;
        switch (Status)
        {
            case "expiring":
                LogExpiring(Logger, KindName(kind), expiresOn!.Value, (int)Math.Ceiling((expiresOn.Value - Clock.GetUtcNow()).TotalDays));
                break;
            case "expired":
                LogExpired(Logger, KindName(kind), expiresOn!.Value);
                break;
            case "unknown" when kind == BotCredentialKind.ClientSecret:
                LogSecretExpiryUnknown(Logger);
                break;
            case "unknown":
                LogCertificateUnreadable(Logger);
                break;
        }
    }

    protected override Task RunOnceAsync(CancellationToken cancellationToken)
    {
        Check();
        return Task.CompletedTask;
    }

    private static (BotCredentialKind, DateTimeOffset?) Read(BotIdentityOptions identity)
    {
        if (AccessTokenProviderFactory.Validate(identity).Count > 0)
        {
            return (BotCredentialKind.None, null);
        }

        var kind = AccessTokenProviderFactory.GetCredentialKind(identity);
        switch (kind)
        {
            case BotCredentialKind.ClientSecret:
                return (kind, identity.MicrosoftAppPasswordExpiresOn);
            case BotCredentialKind.CertificateFile or BotCredentialKind.CertificateThumbprint:
                try
                {
                    using var certificate = AccessTokenProviderFactory.LoadCertificate(identity);
                    return (kind, new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
                }
                catch (Exception ex) when (ex is InvalidOperationException or CryptographicException)
                {
                    return (kind, null);
                }

            default:
                return (kind, null);
        }
    }

    private static string KindName(BotCredentialKind kind) => kind switch
    {
        BotCredentialKind.ClientSecret => "clientSecret",
        BotCredentialKind.CertificateFile or BotCredentialKind.CertificateThumbprint => "certificate",
        BotCredentialKind.UserAssignedManagedIdentity => "managedIdentity",
        _ => "none",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot's {Kind} expires on {ExpiresOn:yyyy-MM-dd} ({DaysLeft} days): after that Teams can't be reached and reports stop reaching the DSL. Add a new one and switch to it before then (docs/deploy.md, \"Rotating a secret or certificate\").")]
    private static partial void LogExpiring(ILogger logger, string kind, DateTimeOffset expiresOn, int daysLeft);

    [LoggerMessage(Level = LogLevel.Error, Message = "The bot's {Kind} expired on {ExpiresOn:yyyy-MM-dd}: Teams refuses its tokens, so nothing reaches staff or the DSL. Add a new one now (docs/deploy.md, \"Rotating a secret or certificate\").")]
    private static partial void LogExpired(ILogger logger, string kind, DateTimeOffset expiresOn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MicrosoftAppPasswordExpiresOn is not set, so the bot can't warn before its client secret expires. Set it to the secret's expiry date (Entra admin centre > App registrations > the bot > Certificates & secrets), or use the managed identity, which has no secret.")]
    private static partial void LogSecretExpiryUnknown(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bot's certificate could not be read to check when it expires.")]
    private static partial void LogCertificateUnreadable(ILogger logger);
}
