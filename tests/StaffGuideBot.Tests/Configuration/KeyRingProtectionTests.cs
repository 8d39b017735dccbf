using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Hosting;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Configuration;

/// <summary>
/// The key ring protected at rest by a certificate: its key files hold no key in the clear, a bot without the
/// certificate can't read what was stored, the same bot with it can; a certificate that can't be used stops the bot with
/// one line; and while nothing protects the keys, every start warns.
/// </summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private const string Password = "pfx-password-for-tests";
    private const string Secret = "words only the stored document holds";

    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_key_ring_protected_by_a_certificate_cant_be_read_without_it()
    {
        var pfx = WriteCertificate("current.pfx");
        await using (var protectedBot = Start(("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", Password)))
        {
            await Storage(protectedBot).WriteAsync(new Dictionary<string, StoreItem> { ["test/secret"] = new(new JsonObject { ["text"] = Secret }, StoreItem.AnyETag) });
            Assert.DoesNotContain(protectedBot.Logs, l => l.Contains("is not protected at rest", StringComparison.Ordinal) || l.Contains("still stored unprotected", StringComparison.Ordinal));
        }

        // The key files: the key itself only encrypted to the certificate.
        var keyFiles = Directory.GetFiles(_folder.Combine("keys"), "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        }

        await using (var withoutCertificate = Start())
        {
            await Assert.ThrowsAnyAsync<CryptographicException>(() => Storage(withoutCertificate).ReadAsync(["test/secret"]));
        }

        await using var withCertificate = Start(("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", Password));
        var read = await Storage(withCertificate).ReadAsync(["test/secret"]);
        Assert.Equal(Secret, read["test/secret"].Document["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task After_a_rotation_keys_protected_with_the_earlier_certificate_are_still_read()
    {
        var earlier = WriteCertificate("earlier.pfx", password: null);
        await using (var before = Start(("DataProtection:CertificatePath", earlier)))
        {
            await Storage(before).WriteAsync(new Dictionary<string, StoreItem> { ["test/secret"] = new(new JsonObject { ["text"] = Secret }, StoreItem.AnyETag) });
        }

        var current = WriteCertificate("current.pfx", password: null);
        await using (var withoutEarlier = Start(("DataProtection:CertificatePath", current)))
        {
            await Assert.ThrowsAnyAsync<CryptographicException>(() => Storage(withoutEarlier).ReadAsync(["test/secret"]));
        }

        await using var after = Start(("DataProtection:CertificatePath", current), ("DataProtection:EarlierCertificatePaths:0", earlier));
        Assert.Equal(Secret, (await Storage(after).ReadAsync(["test/secret"]))["test/secret"].Document["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task While_nothing_protects_the_key_ring_every_start_warns()
    {
        await using var bot = Start();
        _ = bot.Services;

        Assert.Contains(bot.Logs, l => l.Contains("is not protected at rest", StringComparison.Ordinal) && l.Contains("DataProtection:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_made_before_the_key_ring_was_protected_are_still_read_and_every_start_says_they_are_unprotected()
    {
        await using (var before = Start())
        {
            await Storage(before).WriteAsync(new Dictionary<string, StoreItem> { ["test/secret"] = new(new JsonObject { ["text"] = Secret }, StoreItem.AnyETag) });
        }

        var pfx = WriteCertificate("current.pfx");
        await using var after = Start(("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", Password));
        Assert.Equal(Secret, (await Storage(after).ReadAsync(["test/secret"]))["test/secret"].Document["text"]!.GetValue<string>());

        Assert.DoesNotContain(after.Logs, l => l.Contains("is not protected at rest", StringComparison.Ordinal));
        Assert.Contains(after.Logs, l => l.Contains("but 1 key(s) made before that are still stored unprotected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_that_cant_be_used_stops_the_bot_with_one_line()
    {
        const string Opening = "StaffGuideBot cannot start, the key ring's certificate can't be used: ";
        var pfx = WriteCertificate("current.pfx");
        var publicOnly = _folder.Combine("public.pfx");
        using (var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, Password))
        {
            await File.WriteAllBytesAsync(publicOnly, X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)).Export(X509ContentType.Pfx));
        }

        await StartupIdentityTests.AssertStopsWithOneLineAsync([$"--DataProtection:CertificatePath={_folder.Combine("missing.pfx")}"], Opening, "doesn't exist", "a missing file");
        await StartupIdentityTests.AssertStopsWithOneLineAsync([$"--DataProtection:CertificatePath={pfx}", "--DataProtection:CertificatePassword=wrong"], Opening, "PFX (PKCS#12)", "a wrong password");
        await StartupIdentityTests.AssertStopsWithOneLineAsync([$"--DataProtection:CertificatePath={publicOnly}"], Opening, "has no private key", "no private key");
        await StartupIdentityTests.AssertStopsWithOneLineAsync([$"--DataProtection:CertificatePath={pfx}", "--DataProtection:KeyVaultCertificateUri=https://kv.vault.azure.net/certificates/dp"], Opening, "not both", "both");
        await StartupIdentityTests.AssertStopsWithOneLineAsync(["--DataProtection:KeyVaultCertificateUri=https://kv.vault.azure.net/secrets/dp"], Opening, "DataProtection:KeyVaultCertificateUri must be", "a secret's address");
        await StartupIdentityTests.AssertStopsWithOneLineAsync([$"--DataProtection:EarlierCertificatePaths:0={pfx}"], Opening, "need DataProtection:CertificatePath", "an earlier certificate alone");
        await StartupIdentityTests.AssertStopsWithOneLineAsync([$"--DataProtection:CertificatePassword={Password}"], Opening, "need DataProtection:CertificatePath", "a password alone");
        await StartupIdentityTests.AssertStopsWithOneLineAsync(["--DataProtection:KeyVaultClientId=11111111-2222-3333-4444-555555555555"], Opening, "needs DataProtection:KeyVaultCertificateUri", "a client id alone");
    }

    [Theory]
    [InlineData("https://kv-school.vault.azure.net/certificates/dataprotection", "https://kv-school.vault.azure.net/", "dataprotection")]
    [InlineData("https://kv-school.vault.azure.net/certificates/dataprotection/0123abcd", "https://kv-school.vault.azure.net/", "dataprotection")]
    [InlineData("https://kv-school.vault.azure.net/secrets/dataprotection", null, null)]
    [InlineData("http://kv-school.vault.azure.net/certificates/dataprotection", null, null)]
    [InlineData("kv-school", null, null)]
    public void A_key_vault_certificate_is_named_by_its_address(string text, string? vault, string? name)
    {
        var parsed = KeyRingProtection.TryParseCertificateUri(text, out var foundVault, out var foundName);

        Assert.Equal(vault is not null, parsed);
        if (parsed)
        {
            Assert.Equal(vault, foundVault.ToString());
            Assert.Equal(name, foundName);
        }
    }

    private BotApplicationFactory Start(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new BotApplicationFactory(all);
    }

    private static IStorage Storage(BotApplicationFactory bot) => bot.Services.GetRequiredService<IStorage>();

    private string WriteCertificate(string name, string? password = Password) => TestCertificates.WritePfx(_folder.Combine(name), password);
}
