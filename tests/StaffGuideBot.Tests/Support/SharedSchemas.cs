namespace StaffGuideBot.Tests.Support;

/// <summary>
/// Finds the repository root (the folder holding <c>StaffGuideBot.sln</c>, found by walking up from the test
/// binaries) and the shared schema folder beside the repository, <c>&lt;repo&gt;/../shared/schemas</c>, which holds
/// the official Adaptive Card and Teams manifest schemas (no package on the registries this project reaches ships them).
/// </summary>
/// <remarks>
/// A clone with nothing beside it has no such folder. Then a test that checks only what the schemas say is skipped
/// and says why (<see cref="SkipUnlessPresent"/>, in a <c>[SkippableFact]</c>), and the card and manifest checks of the
/// other tests leave the schema out (<see cref="Present"/>): their own assertions still run. In CI (<c>CI=true</c>,
/// with <c>../shared</c> beside the checkout) a missing folder fails the test instead, so CI always validates against
/// the schemas; the same pattern as the PostgreSQL tests.
/// </remarks>
public static class SharedSchemas
{
    public const string SolutionFileName = "StaffGuideBot.sln";

    /// <summary>Why a test was skipped without the shared schema folder.</summary>
    public static string MissingReason =>
        $"No official schemas here: {ExpectedDirectory} does not exist (the shared folder sits beside the repository in " +
        "development and CI, and CI always validates against it). Tests that check only what the schemas say are " +
        "skipped; the others still run, checking cards without the schema (type, version, msteams) and manifests not at all.";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<string> SchemaFolder = new(FindSchemaFolder);

    /// <summary>The folder holding <c>StaffGuideBot.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shared schema folder, <c>&lt;repo&gt;/../shared/schemas</c>.</summary>
    public static string Directory => SchemaFolder.Value;

    /// <summary>
    /// Whether the shared schema folder is there. Without it: <c>false</c>, so a check leaves the schema out; in CI
    /// (<c>CI=true</c>) it throws instead, so that CI can't pass without validating against the schemas.
    /// </summary>
    public static bool Present()
    {
        if (System.IO.Directory.Exists(ExpectedDirectory))
        {
            return true;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new DirectoryNotFoundException(
                $"The shared schema folder {ExpectedDirectory} does not exist: in CI the cards and the Teams manifest must be validated " +
                "against the official schemas (.ci/run expects the shared folder beside the repository).");
        }

        return false;
    }

    /// <summary>Skips the test, saying why, when the schemas are not here (a failure in CI); use in a <c>[SkippableFact]</c>.</summary>
    public static void SkipUnlessPresent() => Skip.IfNot(Present(), MissingReason);

    /// <summary>The full path of a file in the shared schema folder; fails clearly if it is not there.</summary>
    public static string PathOf(string fileName)
    {
        var path = Path.Combine(ExpectedDirectory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The shared schema '{fileName}' is not in {ExpectedDirectory}. The shared folder must sit beside the repository (<repo>/../shared/schemas).",
                path);
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Cannot find {SolutionFileName} in {AppContext.BaseDirectory} or any folder above it; the tests must run from a build inside the repository.");
    }

    private static string ExpectedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "schemas"));

    private static string FindSchemaFolder()
    {
        var folder = ExpectedDirectory;
        if (!System.IO.Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The shared schema folder {folder} does not exist. Tests that validate cards and the Teams manifest need " +
                $"the 'shared' folder (with schemas/) beside the repository root {RepositoryRoot}.");
        }

        return folder;
    }
}
