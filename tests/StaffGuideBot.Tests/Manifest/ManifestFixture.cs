using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Manifest;

/// <summary>Where the committed manifest lives, and a sample app id for packaging it.</summary>
internal static class ManifestFixture
{
    /// <summary>A sample bot app id (any GUID will do; upper case to show it is normalised).</summary>
    public const string SampleAppId = "6F1B4C2E-8D3A-4E5F-9A7B-1C2D3E4F5A6B";

    public const string SampleAppIdNormalized = "6f1b4c2e-8d3a-4e5f-9a7b-1c2d3e4f5a6b";

    public static string ManifestDirectory => Path.Combine(SharedSchemas.RepositoryRoot, "manifest");

    /// <summary>Copies the committed manifest folder (top-level files only) into <paramref name="target"/>.</summary>
    public static string CopyTo(string target, params string[] except)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(ManifestDirectory))
        {
            var name = Path.GetFileName(file);
            if (!except.Contains(name, StringComparer.Ordinal))
            {
                File.Copy(file, Path.Combine(target, name));
            }
        }

        return target;
    }
}
