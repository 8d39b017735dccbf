namespace StaffGuideBot.Tests.Support;

/// <summary>
/// Finds the repository root (the folder holding <c>StaffGuideBot.sln</c>, found by walking up from the test
/// binaries) and the shared schema folder beside the repository, <c>&lt;repo&gt;/../shared/schemas</c>.
/// </summary>
public static class SharedSchemas
{
    public const string SolutionFileName = "StaffGuideBot.sln";

    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<string> SchemaFolder = new(FindSchemaFolder);

    /// <summary>The folder holding <c>StaffGuideBot.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shared schema folder, <c>&lt;repo&gt;/../shared/schemas</c>.</summary>
    public static string Directory => SchemaFolder.Value;

    /// <summary>The full path of a file in the shared schema folder; fails clearly if it is not there.</summary>
    public static string PathOf(string fileName)
    {
        var path = Path.Combine(Directory, fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The shared schema '{fileName}' is not in {Directory}. The shared folder must sit beside the repository (<repo>/../shared/schemas).",
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

    private static string FindSchemaFolder()
    {
        var folder = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "schemas"));
        if (!System.IO.Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The shared schema folder {folder} does not exist. Tests that validate cards and the Teams manifest need " +
                $"the 'shared' folder (with schemas/) beside the repository root {RepositoryRoot}.");
        }

        return folder;
    }
}
