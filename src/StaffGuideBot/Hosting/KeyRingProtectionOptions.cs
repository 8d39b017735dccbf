namespace StaffGuideBot.Hosting;

/// <summary>
/// What protects the Data Protection key ring at rest (configuration section <c>DataProtection</c>). The key ring
/// decrypts every stored document; protected with a certificate, the key files (or the key rows in PostgreSQL) are of
/// no use to someone who copies them without the certificate. One of a certificate file or a Key Vault certificate.
/// </summary>
public sealed class KeyRingProtectionOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PFX file with its private key; relative paths are under the content root.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Certificate files retired by a rotation: kept only to read the keys protected with them (new keys use
    /// <see cref="CertificatePath"/>). Keep each for as long as the bot holds data: a key that has expired still
    /// decrypts every document written with it, and those stay until they are purged.
    /// </summary>
    public IList<string> EarlierCertificatePaths { get; } = [];

    /// <summary>
    /// A Key Vault certificate, such as <c>https://kv-school.vault.azure.net/certificates/dataprotection</c>. Its current
    /// version protects new keys; every enabled version can read them, so rotating it in Key Vault needs nothing else.
    /// The bot's identity needs the Key Vault Certificate User and Secrets User roles.
    /// </summary>
    public string? KeyVaultCertificateUri { get; set; }

    /// <summary>The client id of the user-assigned managed identity that reads Key Vault; empty: Azure's default credential chain.</summary>
    public string? KeyVaultClientId { get; set; }

    /// <summary>True when something is set to protect the key ring.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(KeyVaultCertificateUri);
}
