namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// The bot's identity, read from the configuration keys every Azure Bot deployment already uses
/// (top-level <c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>;
/// also settable as environment variables). With no app id the bot runs in local mode (no tokens at all).
/// </summary>
public sealed class BotIdentityOptions
{
    /// <summary><c>SingleTenant</c> (the default, as appsettings.template.json documents), <c>MultiTenant</c> or <c>UserAssignedMSI</c>.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>The bot's Entra application (client) id; for <c>UserAssignedMSI</c>, the managed identity's client id.</summary>
    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret (leave empty when using a certificate or a managed identity).</summary>
    public string? MicrosoftAppPassword { get; set; }

    /// <summary>The Entra tenant of a single-tenant or managed-identity bot.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>A PFX/PEM file holding the client certificate (instead of a secret).</summary>
    public string? MicrosoftAppCertificatePath { get; set; }

    /// <summary>The password of <see cref="MicrosoftAppCertificatePath"/>, if it has one.</summary>
    public string? MicrosoftAppCertificatePassword { get; set; }

    /// <summary>Thumbprint of a client certificate in the current user's certificate store (instead of a file).</summary>
    public string? MicrosoftAppCertificateThumbprint { get; set; }

    /// <summary>
    /// When the client secret expires (Entra admin centre, the app's Certificates &amp; secrets), so the bot can warn 30
    /// days before. A certificate's own expiry is read from the certificate; a managed identity has nothing to expire.
    /// </summary>
    public DateTimeOffset? MicrosoftAppPasswordExpiresOn { get; set; }

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public BotAppType AppType => MicrosoftAppType?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SINGLETENANT" => BotAppType.SingleTenant,
        "MULTITENANT" => BotAppType.MultiTenant,
        "USERASSIGNEDMSI" => BotAppType.UserAssignedManagedIdentity,
        _ => throw new InvalidOperationException(
            $"MicrosoftAppType '{MicrosoftAppType}' is not known; use MultiTenant, SingleTenant or UserAssignedMSI."),
    };
}
