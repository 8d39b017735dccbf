using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StaffGuideBot.Tests.Support;

/// <summary>Self-signed certificates with their private keys, for the key ring's protection in tests.</summary>
public static class TestCertificates
{
    /// <summary>A new certificate, valid from yesterday for a year.</summary>
    public static X509Certificate2 Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>Writes a new certificate as a PFX file at <paramref name="path"/> (with <paramref name="password"/>, if any); the path.</summary>
    public static string WritePfx(string path, string? password)
    {
        using var certificate = Create("StaffGuideBot key ring (tests)");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
