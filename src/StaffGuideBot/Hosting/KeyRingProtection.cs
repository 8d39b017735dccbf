using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace StaffGuideBot.Hosting;

/// <summary>
/// Protects the Data Protection key ring with a certificate (<see cref="KeyRingProtectionOptions"/>): new keys are
/// encrypted to the current certificate, and keys encrypted to any certificate given can be read. Loaded once, before
/// the host is built; a certificate that can't be loaded stops the bot with one line saying why.
/// </summary>
public static partial class KeyRingProtection
{
    /// <summary>The certificates: the first protects new keys; all of them can read keys. None when nothing is configured.</summary>
    public static Task<IReadOnlyList<X509Certificate2>> LoadAsync(KeyRingProtectionOptions options, string contentRoot, CancellationToken cancellationToken = default) =>
        LoadAsync(options, contentRoot, credential: null, clientOptions: null, cancellationToken);

    /// <summary>As <see cref="LoadAsync(KeyRingProtectionOptions, string, CancellationToken)"/>, with Key Vault reached through the given credential and client options (tests).</summary>
    internal static async Task<IReadOnlyList<X509Certificate2>> LoadAsync(KeyRingProtectionOptions options, string contentRoot, TokenCredential? credential, CertificateClientOptions? clientOptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return await LoadCheckedAsync(options, contentRoot, credential, clientOptions, cancellationToken);
        }
        catch (Exception ex) when (ex is not KeyRingProtectionException and not OperationCanceledException)
        {
            // Whatever else went wrong (no network, a platform without the algorithm, a file that can't be opened):
            // still one line, naming the kind of failure, never a stack trace.
            throw new KeyRingProtectionException($"the certificate could not be loaded ({ex.GetType().Name}).");
        }
    }

    private static async Task<IReadOnlyList<X509Certificate2>> LoadCheckedAsync(KeyRingProtectionOptions options, string contentRoot, TokenCredential? credential, CertificateClientOptions? clientOptions, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.KeyVaultCertificateUri))
        {
            throw new KeyRingProtectionException("set DataProtection:CertificatePath or DataProtection:KeyVaultCertificateUri, not both.");
        }

        // A setting that only makes sense beside another, set alone, is a mistake: the key ring would stay unprotected.
        if (string.IsNullOrWhiteSpace(options.CertificatePath) && (options.EarlierCertificatePaths.Count > 0 || !string.IsNullOrEmpty(options.CertificatePassword)))
        {
            throw new KeyRingProtectionException("DataProtection:EarlierCertificatePaths and DataProtection:CertificatePassword need DataProtection:CertificatePath (the current certificate) as well.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyVaultCertificateUri) && !string.IsNullOrWhiteSpace(options.KeyVaultClientId))
        {
            throw new KeyRingProtectionException("DataProtection:KeyVaultClientId needs DataProtection:KeyVaultCertificateUri (the Key Vault certificate) as well.");
        }

        if (!string.IsNullOrWhiteSpace(options.KeyVaultCertificateUri))
        {
            return await FromKeyVaultAsync(options, credential, clientOptions, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return [];
        }

        return [.. new[] { options.CertificatePath }.Concat(options.EarlierCertificatePaths)
            .Select((path, i) => FromFile("DataProtection:" + (i == 0 ? "CertificatePath" : $"EarlierCertificatePaths:{i - 1}"), Path.GetFullPath(path, contentRoot), i == 0 ? options.CertificatePassword : null))];
    }

    /// <summary>Protects new keys with the first certificate and reads keys protected with any of them.</summary>
    public static void Apply(IDataProtectionBuilder builder, IReadOnlyList<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        if (certificates.Count > 0)
        {
            builder.ProtectKeysWithCertificate(certificates[0]).UnprotectKeysWithAnyCertificate([.. certificates]);
        }
    }

    private static X509Certificate2 FromFile(string setting, string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new KeyRingProtectionException($"{setting} names {path}, which doesn't exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException)
        {
            throw new KeyRingProtectionException($"{setting} ({path}) can't be read: it must be a PFX (PKCS#12) file, and DataProtection:CertificatePassword its password.");
        }

        return HasPrivateKey(certificate) ? certificate : throw new KeyRingProtectionException($"{setting} ({path}) has no private key, so keys protected with it could never be read back.");
    }

    private static async Task<IReadOnlyList<X509Certificate2>> FromKeyVaultAsync(KeyRingProtectionOptions options, TokenCredential? credential, CertificateClientOptions? clientOptions, CancellationToken cancellationToken)
    {
        if (!TryParseCertificateUri(options.KeyVaultCertificateUri!, out var vault, out var name))
        {
            throw new KeyRingProtectionException($"DataProtection:KeyVaultCertificateUri must be a Key Vault certificate's address, such as https://kv-school.vault.azure.net/certificates/dataprotection.");
        }

        credential ??= string.IsNullOrWhiteSpace(options.KeyVaultClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.KeyVaultClientId));
        var client = new CertificateClient(vault, credential, clientOptions ?? new CertificateClientOptions());
        try
        {
            var current = (await client.DownloadCertificateAsync(name, cancellationToken: cancellationToken)).Value;
            var all = new List<X509Certificate2> { current };
            await foreach (var version in client.GetPropertiesOfCertificateVersionsAsync(name, cancellationToken))
            {
                if (version.Enabled == true && version.Version is { } id && !string.Equals(Convert.ToHexString(version.X509Thumbprint ?? []), current.Thumbprint, StringComparison.OrdinalIgnoreCase))
                {
                    all.Add((await client.DownloadCertificateAsync(name, id, cancellationToken)).Value);
                }
            }

            return HasPrivateKey(current)
                ? all
                : throw new KeyRingProtectionException($"the Key Vault certificate {name} has no exportable private key; create it with an exportable key (the default policy).");
        }
        catch (RequestFailedException ex)
        {
            throw new KeyRingProtectionException(ex.Status switch
            {
                404 => $"Key Vault has no certificate {name} at {vault}: create it (docs/deploy.md, \"Protecting the key ring\").",
                401 or 403 => $"the bot's identity may not read the Key Vault certificate {name}: give it the Key Vault Certificate User and Key Vault Secrets User roles.",
                _ => $"the Key Vault certificate {name} could not be read (HTTP {ex.Status}).",
            });
        }
        catch (AuthenticationFailedException)
        {
            throw new KeyRingProtectionException("no Azure identity could sign in to Key Vault for DataProtection:KeyVaultCertificateUri (set DataProtection:KeyVaultClientId to the managed identity's client id).");
        }
    }

    /// <summary>Splits <c>https://{vault}/certificates/{name}</c> (a version after the name is ignored: every version is read).</summary>
    public static bool TryParseCertificateUri(string text, out Uri vault, out string name)
    {
        vault = null!;
        name = string.Empty;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        var parts = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3 || !string.Equals(parts[0], "certificates", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        vault = new Uri(uri.GetLeftPart(UriPartial.Authority));
        name = parts[1];
        return true;
    }

    private static bool HasPrivateKey(X509Certificate2 certificate) => certificate.HasPrivateKey;

    /// <summary>
    /// Warns at start-up, every time, while nothing protects the key ring at rest (Memory storage keeps no keys), and,
    /// once it is protected, while keys made before that are still stored in the clear (they stay, since documents
    /// written with them need them to be read).
    /// </summary>
    public static void WarnIfUnprotected(IServiceProvider services, IReadOnlyList<X509Certificate2> certificates)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(certificates);
        var storage = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BotFramework.Hosting.StorageOptions>>().Value;
        if (storage.Is("Memory"))
        {
            return;
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeyRingProtection));
        if (certificates.Count == 0)
        {
            LogUnprotected(logger);
            return;
        }

        var repository = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>().Value.XmlRepository;
        if (repository is not null && UnprotectedKeys(repository.GetAllElements()) is > 0 and var count)
        {
            LogEarlierKeysUnprotected(logger, count);
        }
    }

    /// <summary>How many keys in the repository hold their secret in the clear (no <c>encryptedSecret</c> in their descriptor).</summary>
    public static int UnprotectedKeys(IEnumerable<System.Xml.Linq.XElement> elements) =>
        elements.Count(e => e.Name.LocalName == "key" && !e.Descendants().Any(d => d.Name.LocalName == "encryptedSecret"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Data Protection key ring that encrypts the stored reports is not protected at rest: anyone who copies the keys with the database can read them. Set DataProtection:CertificatePath or DataProtection:KeyVaultCertificateUri (README, \"Protecting the key ring\").")]
    private static partial void LogUnprotected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The key ring is protected now, but {Count} key(s) made before that are still stored unprotected: documents written with them can be read by anyone who copies the keys with the database. They are kept because those documents need them (README, \"Protecting the key ring\").")]
    private static partial void LogEarlierKeysUnprotected(ILogger logger, int count);
}
