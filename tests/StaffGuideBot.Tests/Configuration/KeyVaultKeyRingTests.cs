using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Certificates;
using StaffGuideBot.Hosting;

using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Configuration;

/// <summary>
/// The key ring's certificate read from Key Vault (through a stand-in for the Key Vault REST API): the current version
/// protects new keys, every enabled version can read them (a rotation in Key Vault needs nothing else), and a missing
/// certificate or a missing role stops the bot with a line saying what to do.
/// </summary>
public sealed class KeyVaultKeyRingTests
{
    private const string Vault = "https://kv-school.vault.azure.net";

    [Fact]
    public async Task The_current_version_comes_first_and_every_enabled_version_is_read()
    {
        using var vault = new FakeKeyVault();
        vault.Add("v1", enabled: true);
        vault.Add("v2", enabled: false);
        vault.Add("v3", enabled: true, current: true);

        var certificates = await LoadAsync(vault, "/certificates/dataprotection");

        Assert.Equal([vault.Thumbprint("v3"), vault.Thumbprint("v1")], certificates.Select(c => c.Thumbprint));
        Assert.All(certificates, c => Assert.True(c.HasPrivateKey));
    }

    [Theory]
    [InlineData(404, "Key Vault has no certificate dataprotection")]
    [InlineData(403, "give it the Key Vault Certificate User and Key Vault Secrets User roles")]
    public async Task A_certificate_that_cant_be_read_says_what_to_do(int status, string said)
    {
        using var vault = new FakeKeyVault { Refuse = (HttpStatusCode)status };

        var problem = await Assert.ThrowsAsync<KeyRingProtectionException>(() => LoadAsync(vault, "/certificates/dataprotection"));

        Assert.Contains(said, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_other_failure_is_still_one_line_naming_its_kind()
    {
        using var vault = new FakeKeyVault();
        var options = new CertificateClientOptions { Transport = new HttpClientTransport(new HttpClient(vault)), Retry = { MaxRetries = 0 } };

        var problem = await Assert.ThrowsAsync<KeyRingProtectionException>(() => KeyRingProtection.LoadAsync(
            new KeyRingProtectionOptions { KeyVaultCertificateUri = Vault + "/certificates/dataprotection" }, AppContext.BaseDirectory, new BrokenToken(), options));

        Assert.Equal("the certificate could not be loaded (PlatformNotSupportedException).", problem.Message);
    }

    private static Task<IReadOnlyList<X509Certificate2>> LoadAsync(FakeKeyVault vault, string path) =>
        KeyRingProtection.LoadAsync(
            new KeyRingProtectionOptions { KeyVaultCertificateUri = Vault + path },
            AppContext.BaseDirectory,
            new FixedToken(),
            new CertificateClientOptions { Transport = new HttpClientTransport(new HttpClient(vault)), Retry = { MaxRetries = 0 } });

    private sealed class FixedToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>A credential on a platform that lacks what it needs.</summary>
    private sealed class BrokenToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new PlatformNotSupportedException("no keychain at /home/someone");

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => throw new PlatformNotSupportedException("no keychain at /home/someone");
    }

    /// <summary>Answers the Key Vault requests a certificate download makes, for certificate "dataprotection".</summary>
    private sealed class FakeKeyVault : HttpMessageHandler
    {
        private readonly Dictionary<string, (X509Certificate2 Certificate, bool Enabled)> _versions = [];
        private string? _current;

        public HttpStatusCode? Refuse { get; init; }

        public void Add(string version, bool enabled, bool current = false)
        {
            _versions[version] = (TestCertificates.Create($"dataprotection {version}"), enabled);
            if (current)
            {
                _current = version;
            }
        }

        public string Thumbprint(string version) => _versions[version].Certificate.Thumbprint;

        protected override void Dispose(bool disposing)
        {
            foreach (var (certificate, _) in _versions.Values)
            {
                certificate.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Headers.Authorization is null)
            {
                // Key Vault's clients first ask without a token and are told where to get one.
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.TryAddWithoutValidation("WWW-Authenticate", "Bearer authorization=\"https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001\", resource=\"https://vault.azure.net\"");
                return Task.FromResult(challenge);
            }

            if (Refuse is { } status)
            {
                return Task.FromResult(Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = "Refused", ["message"] = "refused" } }));
            }

            var parts = request.RequestUri!.AbsolutePath.Trim('/').Split('/');
            return Task.FromResult(parts switch
            {
                ["certificates", "dataprotection"] when _current is not null => Json(HttpStatusCode.OK, Bundle(_current)),
                ["certificates", "dataprotection", "versions"] => Json(HttpStatusCode.OK, new JsonObject
                {
                    ["value"] = new JsonArray([.. _versions.Keys.Select(v => (JsonNode)Properties(v))]),
                    ["nextLink"] = null,
                }),
                ["certificates", "dataprotection", var version] when _versions.ContainsKey(version) => Json(HttpStatusCode.OK, Bundle(version)),
                ["secrets", "dataprotection", var version] when _versions.ContainsKey(version) => Json(HttpStatusCode.OK, new JsonObject
                {
                    ["id"] = $"{Vault}/secrets/dataprotection/{version}",
                    ["value"] = Convert.ToBase64String(_versions[version].Certificate.Export(X509ContentType.Pfx)),
                    ["contentType"] = "application/x-pkcs12",
                    ["attributes"] = new JsonObject { ["enabled"] = _versions[version].Enabled },
                }),
                _ => Json(HttpStatusCode.NotFound, new JsonObject { ["error"] = new JsonObject { ["code"] = "CertificateNotFound", ["message"] = "not found" } }),
            });
        }

        private JsonObject Properties(string version) => new()
        {
            ["id"] = $"{Vault}/certificates/dataprotection/{version}",
            ["x5t"] = Base64Url(_versions[version].Certificate.GetCertHash()),
            ["attributes"] = new JsonObject { ["enabled"] = _versions[version].Enabled },
        };

        private JsonObject Bundle(string version)
        {
            var bundle = Properties(version);
            bundle["kid"] = $"{Vault}/keys/dataprotection/{version}";
            bundle["sid"] = $"{Vault}/secrets/dataprotection/{version}";
            bundle["cer"] = Convert.ToBase64String(_versions[version].Certificate.Export(X509ContentType.Cert));
            bundle["policy"] = new JsonObject { ["secret_props"] = new JsonObject { ["contentType"] = "application/x-pkcs12" } };
            return bundle;
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
            new(status) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
    }
}
