using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Identity.Client;

namespace StaffGuideBot.BotFramework.Authentication;

/// <summary>
/// Chooses and builds the <see cref="IAccessTokenProvider"/> for the bot's identity:
/// no app id → <see cref="AnonymousAccessTokenProvider"/>; MultiTenant/SingleTenant → <see cref="MsalAccessTokenProvider"/>
/// (client secret or certificate; authority <c>{EntraAuthorityHost}/botframework.com</c> or <c>{EntraAuthorityHost}/{tenant}</c>);
/// UserAssignedMSI → <see cref="TokenCredentialAccessTokenProvider"/> over a <see cref="ManagedIdentityCredential"/>.
/// </summary>
public static class AccessTokenProviderFactory
{
    /// <summary>The tenant a multi-tenant bot asks for its Bot Connector token.</summary>
    public const string MultiTenantAuthorityTenant = "botframework.com";

    /// <summary>What is wrong with <paramref name="identity"/>, one sentence per problem; empty when it is complete.</summary>
    public static IReadOnlyList<string> Validate(BotIdentityOptions identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var errors = new List<string>();

        BotAppType appType;
        try
        {
            appType = identity.AppType;
        }
        catch (InvalidOperationException ex)
        {
            errors.Add(ex.Message);
            return errors;
        }

        var hasSecret = Has(identity.MicrosoftAppPassword);
        var hasPath = Has(identity.MicrosoftAppCertificatePath);
        var hasThumbprint = Has(identity.MicrosoftAppCertificateThumbprint);
        var credentials = (hasSecret ? 1 : 0) + (hasPath ? 1 : 0) + (hasThumbprint ? 1 : 0);

        if (identity.IsLocalMode)
        {
            if (credentials > 0)
            {
                errors.Add("A credential (MicrosoftAppPassword or a certificate) is set but MicrosoftAppId is empty. " +
                    "Set MicrosoftAppId, or remove the credential to run in local mode.");
            }

            return errors;
        }

        if (Has(identity.MicrosoftAppCertificatePassword) && !hasPath)
        {
            errors.Add("MicrosoftAppCertificatePassword is set without MicrosoftAppCertificatePath.");
        }

        if (appType == BotAppType.UserAssignedManagedIdentity)
        {
            if (!Has(identity.MicrosoftAppTenantId))
            {
                errors.Add("MicrosoftAppType UserAssignedMSI needs MicrosoftAppTenantId (the tenant of the managed identity).");
            }

            if (credentials > 0)
            {
                errors.Add("MicrosoftAppType UserAssignedMSI uses the managed identity named by MicrosoftAppId; " +
                    "remove MicrosoftAppPassword and the certificate settings.");
            }

            return errors;
        }

        if (appType == BotAppType.SingleTenant && !Has(identity.MicrosoftAppTenantId))
        {
            errors.Add("MicrosoftAppType SingleTenant needs MicrosoftAppTenantId (the bot's Entra tenant).");
        }

        if (credentials == 0)
        {
            errors.Add($"MicrosoftAppType {appType} with MicrosoftAppId set needs a credential: MicrosoftAppPassword (client secret), " +
                "MicrosoftAppCertificatePath (PFX or PEM file) or MicrosoftAppCertificateThumbprint (CurrentUser\\My store).");
        }
        else if (credentials > 1)
        {
            errors.Add("Set only one of MicrosoftAppPassword, MicrosoftAppCertificatePath and MicrosoftAppCertificateThumbprint.");
        }

        if (hasPath && !File.Exists(identity.MicrosoftAppCertificatePath))
        {
            errors.Add($"MicrosoftAppCertificatePath '{identity.MicrosoftAppCertificatePath}' does not exist.");
        }

        return errors;
    }

    /// <summary>The credential <paramref name="identity"/> selects; throws when it is incomplete (see <see cref="Validate"/>).</summary>
    public static BotCredentialKind GetCredentialKind(BotIdentityOptions identity)
    {
        ThrowIfInvalid(identity);
        if (identity.IsLocalMode)
        {
            return BotCredentialKind.None;
        }

        if (identity.AppType == BotAppType.UserAssignedManagedIdentity)
        {
            return BotCredentialKind.UserAssignedManagedIdentity;
        }

        return Has(identity.MicrosoftAppPassword) ? BotCredentialKind.ClientSecret
            : Has(identity.MicrosoftAppCertificatePath) ? BotCredentialKind.CertificateFile
            : BotCredentialKind.CertificateThumbprint;
    }

    /// <summary>The token authority for a multi- or single-tenant bot, e.g. <c>https://login.microsoftonline.com/botframework.com</c>.</summary>
    public static string GetAuthority(BotIdentityOptions identity, BotAuthenticationOptions authentication)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(authentication);
        if (!Uri.TryCreate(authentication.EntraAuthorityHost, UriKind.Absolute, out var host) || host.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException(
                $"{BotAuthenticationOptions.SectionName}:EntraAuthorityHost '{authentication.EntraAuthorityHost}' must be an absolute https URL.");
        }

        var tenant = identity.AppType == BotAppType.SingleTenant ? identity.MicrosoftAppTenantId!.Trim() : MultiTenantAuthorityTenant;
        return $"{authentication.EntraAuthorityHost.TrimEnd('/')}/{Uri.EscapeDataString(tenant)}";
    }

    /// <summary>Builds the provider for <paramref name="identity"/>. Nothing is sent to Entra until the first token is asked for.</summary>
    /// <param name="managedIdentityCredentialFactory">Makes the credential for a managed identity client id (tests replace it).</param>
    /// <param name="msalHttpClientFactory">The HTTP client MSAL uses to reach Entra; MSAL's own when null (tests replace it).</param>
    public static IAccessTokenProvider Create(
        BotIdentityOptions identity,
        BotAuthenticationOptions authentication,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Func<string, TokenCredential>? managedIdentityCredentialFactory = null,
        IMsalHttpClientFactory? msalHttpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(authentication);
        var kind = GetCredentialKind(identity);
        if (kind == BotCredentialKind.None)
        {
            return AnonymousAccessTokenProvider.Instance;
        }

        if (string.IsNullOrWhiteSpace(authentication.ConnectorScope))
        {
            throw new InvalidOperationException($"{BotAuthenticationOptions.SectionName}:ConnectorScope must not be empty.");
        }

        var appId = identity.MicrosoftAppId!.Trim();
        if (kind == BotCredentialKind.UserAssignedManagedIdentity)
        {
            var credential = managedIdentityCredentialFactory?.Invoke(appId)
                ?? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(appId));
            return new TokenCredentialAccessTokenProvider(
                credential,
                authentication.ConnectorScope,
                timeProvider,
                (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TokenCredentialAccessTokenProvider>());
        }

        var builder = ConfidentialClientApplicationBuilder.Create(appId)
            .WithAuthority(GetAuthority(identity, authentication), validateAuthority: true);
        builder = kind == BotCredentialKind.ClientSecret
            ? builder.WithClientSecret(identity.MicrosoftAppPassword)
            : builder.WithCertificate(LoadCertificate(identity));
        if (msalHttpClientFactory is not null)
        {
            builder = builder.WithHttpClientFactory(msalHttpClientFactory);
        }

        return new MsalAccessTokenProvider(builder.Build(), authentication.ConnectorScope);
    }

    /// <summary>Loads the client certificate from the file (PFX, or PEM with its private key) or the CurrentUser\My store.</summary>
    public static X509Certificate2 LoadCertificate(BotIdentityOptions identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        X509Certificate2 certificate;
        string source;
        if (Has(identity.MicrosoftAppCertificatePath))
        {
            var path = identity.MicrosoftAppCertificatePath!;
            source = $"MicrosoftAppCertificatePath '{path}'";
            var password = Has(identity.MicrosoftAppCertificatePassword) ? identity.MicrosoftAppCertificatePassword : null;
            try
            {
                certificate = IsPem(path)
                    ? password is null ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password)
                    : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or ArgumentException)
            {
                throw new InvalidOperationException($"The certificate at {source} could not be loaded: {ex.Message}", ex);
            }
        }
        else if (Has(identity.MicrosoftAppCertificateThumbprint))
        {
            var thumbprint = new string(identity.MicrosoftAppCertificateThumbprint!.Where(char.IsAsciiHexDigit).ToArray());
            source = $"MicrosoftAppCertificateThumbprint '{thumbprint}'";
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count == 0)
            {
                throw new InvalidOperationException($"No certificate with {source} is in the CurrentUser\\My store.");
            }

            certificate = found[0];
        }
        else
        {
            throw new InvalidOperationException("No certificate is configured (MicrosoftAppCertificatePath or MicrosoftAppCertificateThumbprint).");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"The certificate from {source} has no private key.");
        }

        return certificate;
    }

    private static void ThrowIfInvalid(BotIdentityOptions identity)
    {
        var errors = Validate(identity);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The bot identity configuration is incomplete: " + string.Join(" ", errors));
        }
    }

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[64];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return System.Text.Encoding.ASCII.GetString(start[..read]).TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    private static bool Has(string? value) => !string.IsNullOrWhiteSpace(value);
}
