using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Identity.Client;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.Connector;

public sealed class AccessTokenProviderTests : IDisposable
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string TenantId = "66666666-7777-8888-9999-000000000000";
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static BotAuthenticationOptions Auth() => new();

    // ---- selection ----

    [Fact]
    public async Task No_app_id_is_local_mode_without_a_token()
    {
        var provider = AccessTokenProviderFactory.Create(new BotIdentityOptions { MicrosoftAppType = "MultiTenant" }, Auth());

        Assert.Same(AnonymousAccessTokenProvider.Instance, provider);
        Assert.Null(await provider.GetAccessTokenAsync());
    }

    [Fact]
    public void Multi_tenant_with_a_secret_uses_MSAL_against_the_botframework_tenant()
    {
        var provider = AccessTokenProviderFactory.Create(
            new BotIdentityOptions { MicrosoftAppType = "MultiTenant", MicrosoftAppId = AppId, MicrosoftAppPassword = "s3cret" }, Auth());

        var msal = Assert.IsType<MsalAccessTokenProvider>(provider);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/", msal.Application.Authority);
        Assert.Equal(AppId, msal.Application.AppConfig.ClientId);
        Assert.Equal("s3cret", msal.Application.AppConfig.ClientSecret);
        Assert.Equal(["https://api.botframework.com/.default"], msal.Scopes);
    }

    [Fact]
    public void An_empty_app_type_means_single_tenant_as_the_template_documents()
    {
        var provider = AccessTokenProviderFactory.Create(new BotIdentityOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "s3cret", MicrosoftAppTenantId = TenantId }, Auth());

        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/", Assert.IsType<MsalAccessTokenProvider>(provider).Application.Authority);
    }

    [Fact]
    public void Single_tenant_uses_its_own_tenant_and_the_configured_authority_host_and_scope()
    {
        var auth = new BotAuthenticationOptions { EntraAuthorityHost = "https://login.microsoftonline.us/", ConnectorScope = "https://api.botframework.us/.default" };

        var provider = AccessTokenProviderFactory.Create(
            new BotIdentityOptions { MicrosoftAppType = "singletenant", MicrosoftAppId = AppId, MicrosoftAppPassword = "s3cret", MicrosoftAppTenantId = TenantId },
            auth);

        var msal = Assert.IsType<MsalAccessTokenProvider>(provider);
        Assert.Equal($"https://login.microsoftonline.us/{TenantId}/", msal.Application.Authority);
        Assert.Equal(["https://api.botframework.us/.default"], msal.Scopes);
    }

    [Fact]
    public void A_certificate_file_in_PFX_form_with_a_password_is_the_client_credential()
    {
        using var certificate = CreateCertificate();
        var path = _directory.Combine("bot.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "pfx-pass"));
        var identity = new BotIdentityOptions
        {
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppId = AppId,
            MicrosoftAppTenantId = TenantId,
            MicrosoftAppCertificatePath = path,
            MicrosoftAppCertificatePassword = "pfx-pass",
        };

        Assert.Equal(BotCredentialKind.CertificateFile, AccessTokenProviderFactory.GetCredentialKind(identity));
        var msal = Assert.IsType<MsalAccessTokenProvider>(AccessTokenProviderFactory.Create(identity, Auth()));
        Assert.Equal(certificate.Thumbprint, msal.Application.AppConfig.ClientCredentialCertificate.Thumbprint);
        Assert.Null(msal.Application.AppConfig.ClientSecret);
    }

    [Fact]
    public void A_certificate_file_in_PEM_form_with_its_key_is_the_client_credential()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = CreateCertificate(rsa);
        var path = _directory.Combine("bot.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());

        var loaded = AccessTokenProviderFactory.LoadCertificate(new BotIdentityOptions { MicrosoftAppCertificatePath = path });

        using (loaded)
        {
            Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
            Assert.True(loaded.HasPrivateKey);
        }
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        using var certificate = CreateCertificate();
        var path = _directory.Combine("public-only.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());

        var ex = Assert.ThrowsAny<Exception>(() =>
            AccessTokenProviderFactory.LoadCertificate(new BotIdentityOptions { MicrosoftAppCertificatePath = path }));

        Assert.IsType<InvalidOperationException>(ex);
        Assert.Contains("MicrosoftAppCertificatePath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PFX_with_the_wrong_password_gives_a_clear_error()
    {
        using var certificate = CreateCertificate();
        var path = _directory.Combine("bot.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, "right"));

        var ex = Assert.Throws<InvalidOperationException>(() => AccessTokenProviderFactory.LoadCertificate(
            new BotIdentityOptions { MicrosoftAppCertificatePath = path, MicrosoftAppCertificatePassword = "wrong" }));

        Assert.Contains("could not be loaded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thumbprint_that_is_not_in_the_store_gives_a_clear_error()
    {
        var identity = new BotIdentityOptions { MicrosoftAppType = "MultiTenant", MicrosoftAppId = AppId, MicrosoftAppCertificateThumbprint = "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF 00 11 22 33" };

        Assert.Equal(BotCredentialKind.CertificateThumbprint, AccessTokenProviderFactory.GetCredentialKind(identity));
        var ex = Assert.ThrowsAny<Exception>(() => AccessTokenProviderFactory.Create(identity, Auth()));

        // On a machine with no CurrentUser\My store at all, opening it fails before the lookup does.
        Assert.True(ex is InvalidOperationException or CryptographicException, ex.ToString());
    }

    [Fact]
    public void User_assigned_managed_identity_uses_a_managed_identity_credential_for_the_app_id()
    {
        var identity = new BotIdentityOptions { MicrosoftAppType = "UserAssignedMSI", MicrosoftAppId = AppId, MicrosoftAppTenantId = TenantId };
        string? requestedClientId = null;
        var fake = new FakeTokenCredential();

        var provider = AccessTokenProviderFactory.Create(identity, Auth(), managedIdentityCredentialFactory: id =>
        {
            requestedClientId = id;
            return fake;
        });

        Assert.Equal(AppId, requestedClientId);
        Assert.Same(fake, Assert.IsType<TokenCredentialAccessTokenProvider>(provider).Credential);
        Assert.IsType<ManagedIdentityCredential>(
            Assert.IsType<TokenCredentialAccessTokenProvider>(AccessTokenProviderFactory.Create(identity, Auth())).Credential);
    }

    // ---- incomplete configuration ----

    [Theory]
    [InlineData("SingleTenant", AppId, "s3cret", null, null, null, "MicrosoftAppTenantId")]
    [InlineData("MultiTenant", AppId, null, null, null, null, "needs a credential")]
    [InlineData("SingleTenant", AppId, null, TenantId, null, null, "needs a credential")]
    [InlineData("MultiTenant", null, "s3cret", null, null, null, "MicrosoftAppId is empty")]
    [InlineData("MultiTenant", AppId, "s3cret", null, "/no/such/file.pfx", null, "Set only one")]
    [InlineData("MultiTenant", AppId, null, null, "/no/such/file.pfx", null, "does not exist")]
    [InlineData("MultiTenant", AppId, null, null, null, "ABCDEF", null)]
    [InlineData("UserAssignedMSI", AppId, null, null, null, null, "MicrosoftAppTenantId")]
    [InlineData("UserAssignedMSI", AppId, "s3cret", TenantId, null, null, "remove MicrosoftAppPassword")]
    [InlineData("Sometimes", AppId, "s3cret", null, null, null, "is not known")]
    public void Incomplete_configuration_is_named_precisely(
        string appType, string? appId, string? password, string? tenant, string? certPath, string? thumbprint, string? expectedError)
    {
        var identity = new BotIdentityOptions
        {
            MicrosoftAppType = appType,
            MicrosoftAppId = appId,
            MicrosoftAppPassword = password,
            MicrosoftAppTenantId = tenant,
            MicrosoftAppCertificatePath = certPath,
            MicrosoftAppCertificateThumbprint = thumbprint,
        };

        var errors = AccessTokenProviderFactory.Validate(identity);
        var validation = new BotIdentityOptionsValidator().Validate(null, identity);

        if (expectedError is null)
        {
            Assert.Empty(errors);
            Assert.True(validation.Succeeded);
            return;
        }

        Assert.Contains(errors, e => e.Contains(expectedError, StringComparison.Ordinal));
        Assert.True(validation.Failed);
        var ex = Assert.Throws<InvalidOperationException>(() => AccessTokenProviderFactory.Create(identity, Auth()));
        Assert.Contains(expectedError, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_repeat_the_secret()
    {
        var identity = new BotIdentityOptions { MicrosoftAppPassword = "do-not-print-me", MicrosoftAppCertificateThumbprint = "AB" };

        var ex = Assert.Throws<InvalidOperationException>(() => AccessTokenProviderFactory.Create(identity, Auth()));

        Assert.DoesNotContain("do-not-print-me", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_authority_host_that_is_not_https_is_refused()
    {
        var identity = new BotIdentityOptions { MicrosoftAppType = "MultiTenant", MicrosoftAppId = AppId, MicrosoftAppPassword = "s3cret" };

        var ex = Assert.Throws<InvalidOperationException>(() =>
            AccessTokenProviderFactory.Create(identity, new BotAuthenticationOptions { EntraAuthorityHost = "http://login.example" }));

        Assert.Contains("EntraAuthorityHost", ex.Message, StringComparison.Ordinal);
    }

    // ---- MSAL: the client-credentials request and MSAL's cache (against a fake Entra in-process) ----

    [Fact]
    public async Task MSAL_asks_the_tenants_token_endpoint_once_for_the_connector_scope_and_then_serves_from_its_cache()
    {
        var entra = new FakeEntra();
        var provider = AccessTokenProviderFactory.Create(
            new BotIdentityOptions { MicrosoftAppType = "SingleTenant", MicrosoftAppId = AppId, MicrosoftAppPassword = "s3cret", MicrosoftAppTenantId = TenantId },
            Auth(),
            msalHttpClientFactory: entra);

        var first = await provider.GetAccessTokenAsync();
        var second = await provider.GetAccessTokenAsync();

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", second);
        var tokenRequest = Assert.Single(entra.TokenRequests);
        Assert.Equal($"https://login.microsoftonline.com/{TenantId}/oauth2/v2.0/token", tokenRequest.Uri.GetLeftPart(UriPartial.Path));
        var form = ParseForm(tokenRequest.Body);
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(AppId, form["client_id"]);
        Assert.Equal("s3cret", form["client_secret"]);
        Assert.Contains("https://api.botframework.com/.default", form["scope"].Split(' '));
    }

    [Fact]
    public async Task MSAL_with_a_certificate_sends_a_signed_client_assertion_and_no_secret()
    {
        using var certificate = CreateCertificate();
        var path = _directory.Combine("bot.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, string.Empty));
        var entra = new FakeEntra();
        var provider = AccessTokenProviderFactory.Create(
            new BotIdentityOptions { MicrosoftAppType = "MultiTenant", MicrosoftAppId = AppId, MicrosoftAppCertificatePath = path },
            Auth(),
            msalHttpClientFactory: entra);

        Assert.Equal("token-1", await provider.GetAccessTokenAsync());

        var tokenRequest = Assert.Single(entra.TokenRequests);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", tokenRequest.Uri.GetLeftPart(UriPartial.Path));
        var form = ParseForm(tokenRequest.Body);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        Assert.Equal(3, form["client_assertion"].Split('.').Length);
        Assert.DoesNotContain("client_secret", form);
    }

    // ---- managed identity cache ----

    [Fact]
    public async Task The_managed_identity_token_is_cached_until_shortly_before_it_expires()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var credential = new FakeTokenCredential { Lifetime = TimeSpan.FromHours(1), Clock = clock };
        using var provider = new TokenCredentialAccessTokenProvider(credential, "https://api.botframework.com/.default", clock);

        Assert.Equal("mi-token-1", await provider.GetAccessTokenAsync());
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal("mi-token-1", await provider.GetAccessTokenAsync());
        clock.Advance(TimeSpan.FromMinutes(26)); // 4 minutes before expiry: inside the 5-minute margin
        Assert.Equal("mi-token-2", await provider.GetAccessTokenAsync());
        Assert.Equal("mi-token-2", await provider.GetAccessTokenAsync());

        Assert.Equal(2, credential.Calls);
        Assert.All(credential.Requests, r => Assert.Equal(["https://api.botframework.com/.default"], r.Scopes));
    }

    [Fact]
    public async Task The_credentials_suggested_refresh_time_is_honoured()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var credential = new FakeTokenCredential { Lifetime = TimeSpan.FromHours(24), RefreshAfter = TimeSpan.FromHours(12), Clock = clock };
        using var provider = new TokenCredentialAccessTokenProvider(credential, "scope/.default", clock);

        await provider.GetAccessTokenAsync();
        clock.Advance(TimeSpan.FromHours(11));
        await provider.GetAccessTokenAsync();
        Assert.Equal(1, credential.Calls);
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal("mi-token-2", await provider.GetAccessTokenAsync());
    }

    [Fact]
    public async Task Concurrent_callers_share_one_fetch()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var credential = new FakeTokenCredential { Lifetime = TimeSpan.FromHours(1), Clock = clock, Gate = gate.Task };
        using var provider = new TokenCredentialAccessTokenProvider(credential, "scope/.default", clock);

        var callers = Enumerable.Range(0, 10).Select(_ => provider.GetAccessTokenAsync()).ToList();
        gate.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("mi-token-1", t));
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task A_failed_renewal_keeps_using_the_old_token_while_it_is_still_valid_and_fails_after()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var credential = new FakeTokenCredential { Lifetime = TimeSpan.FromHours(1), Clock = clock };
        using var provider = new TokenCredentialAccessTokenProvider(credential, "scope/.default", clock);
        await provider.GetAccessTokenAsync();

        credential.Failure = new CredentialUnavailableException("IMDS is down");
        clock.Advance(TimeSpan.FromMinutes(57));
        Assert.Equal("mi-token-1", await provider.GetAccessTokenAsync());

        clock.Advance(TimeSpan.FromMinutes(4));
        await Assert.ThrowsAsync<CredentialUnavailableException>(() => provider.GetAccessTokenAsync());
    }

    private static X509Certificate2 CreateCertificate(RSA? key = null)
    {
        using var owned = key is null ? RSA.Create(2048) : null;
        var rsa = key ?? owned!;
        var request = new CertificateRequest("CN=StaffGuideBot test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : ""));

    private sealed class FakeTokenCredential : TokenCredential
    {
        private int _calls;

        public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

        public TimeSpan? RefreshAfter { get; init; }

        public FakeTimeProvider Clock { get; init; } = new(DateTimeOffset.UnixEpoch);

        public Task? Gate { get; init; }

        public Exception? Failure { get; set; }

        public int Calls => _calls;

        public ConcurrentQueue<TokenRequestContext> Requests { get; } = new();

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Requests.Enqueue(requestContext);
            if (Gate is not null)
            {
                await Gate;
            }

            if (Failure is not null)
            {
                throw Failure;
            }

            var n = Interlocked.Increment(ref _calls);
            var now = Clock.GetUtcNow();
            return new AccessToken($"mi-token-{n}", now + Lifetime, RefreshAfter is { } after ? now + after : null);
        }
    }

    /// <summary>Entra's instance discovery and token endpoint, answered in-process (no network).</summary>
    private sealed class FakeEntra : HttpMessageHandler, IMsalHttpClientFactory
    {
        private int _issued;

        public ConcurrentQueue<(Uri Uri, string Body)> TokenRequests { get; } = new();

        public HttpClient GetHttpClient() => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
                TokenRequests.Enqueue((uri, body));
                var n = Interlocked.Increment(ref _issued);
                return JsonResponse($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"token-{{n}}"}""");
            }

            if (uri.AbsolutePath.Contains("discovery/instance", StringComparison.Ordinal))
            {
                return JsonResponse("""
                    {"tenant_discovery_endpoint":"https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration","api-version":"1.1",
                     "metadata":[{"preferred_network":"login.microsoftonline.com","preferred_cache":"login.windows.net",
                                  "aliases":["login.microsoftonline.com","login.windows.net","login.microsoft.com","sts.windows.net"]}]}
                    """);
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("unexpected " + uri) };
        }

        private static HttpResponseMessage JsonResponse(string json) =>
            new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
