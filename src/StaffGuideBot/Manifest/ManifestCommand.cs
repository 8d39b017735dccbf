namespace StaffGuideBot.Manifest;

/// <summary>
/// The <c>manifest</c> command line verb, run instead of the web host:
/// <code>dotnet run --project src/StaffGuideBot -- manifest package [--out &lt;path&gt;] [--manifest-dir &lt;dir&gt;]</code>
/// It builds the Teams app package (see <see cref="ManifestPackager"/>) with the app id and bot id taken from the
/// configuration key <c>MicrosoftAppId</c>.
/// </summary>
public static class ManifestCommand
{
    /// <summary>The first argument that selects this command.</summary>
    public const string Verb = "manifest";

    /// <summary>Configuration key holding the bot's Entra application (client) id.</summary>
    public const string AppIdKey = "MicrosoftAppId";

    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "StaffGuideBot.sln";

    /// <summary>
    /// Where the package goes when <c>--out</c> is not given, relative to the repository root (or to the current
    /// directory when the app does not run from inside the repository).
    /// </summary>
    public static readonly string DefaultOutputPath = Path.Combine("artifacts", "StaffGuideBot-teams-app.zip");

    /// <summary>Exit code for success.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the package cannot be built (app id missing or not a GUID, files missing or wrong).</summary>
    public const int Failure = 1;

    /// <summary>Exit code for a command line that cannot be understood.</summary>
    public const int UsageError = 2;

    private const string Usage = """
        usage: manifest package [--out <path>] [--manifest-dir <dir>]

          Builds the Teams app package (manifest.json, color.png, outline.png) with the app id and bot id
          taken from the configuration key MicrosoftAppId (e.g. the environment variable MicrosoftAppId), and
          the publisher from Manifest:DeveloperName, Manifest:WebsiteUrl, Manifest:PrivacyUrl and
          Manifest:TermsOfUseUrl (e.g. Manifest__PrivacyUrl); it warns while an address is still example.org.

          --out <path>          where to write the zip (default: artifacts/StaffGuideBot-teams-app.zip)
          --manifest-dir <dir>  folder holding manifest.json and the icons (default: the repository's
                                manifest/ folder, found from the content root or the current directory)

          Relative paths are taken from the repository root (the folder holding StaffGuideBot.sln), because
          `dotnet run --project src/StaffGuideBot` starts the app in the project folder; outside the repository
          they are taken from the current directory.
        """;

    /// <summary>True when <paramref name="args"/> asks for this command rather than the web host.</summary>
    public static bool IsManifestCommand(IReadOnlyList<string> args) =>
        args is { Count: > 0 } && string.Equals(args[0], Verb, StringComparison.Ordinal);

    /// <summary>
    /// Runs <c>manifest package</c>. <paramref name="args"/> are the program's arguments, starting with <c>manifest</c>.
    /// Returns <see cref="Success"/>, <see cref="Failure"/> (with the reason on <paramref name="error"/>) or
    /// <see cref="UsageError"/>.
    /// </summary>
    public static Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return RunAsync(args, configuration, output, error, [configuration["contentRoot"], Directory.GetCurrentDirectory(), AppContext.BaseDirectory]);
    }

    /// <summary>As <see cref="RunAsync(string[], IConfiguration, TextWriter, TextWriter)"/>, looking for the repository
    /// and the manifest folder upwards from <paramref name="startDirectories"/>.</summary>
    internal static async Task<int> RunAsync(
        string[] args, IConfiguration configuration, TextWriter output, TextWriter error, IReadOnlyList<string?> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(startDirectories);

        var rest = IsManifestCommand(args) ? args.AsSpan(1) : args.AsSpan();
        if (rest.Length > 0 && rest[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return Success;
        }

        if (rest.Length == 0 || rest[0] != "package")
        {
            await error.WriteLineAsync(rest.Length == 0 ? "manifest: missing sub-command." : $"manifest: unknown sub-command '{rest[0]}'.").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return UsageError;
        }

        string? outPath = null;
        string? manifestDir = null;
        for (var i = 1; i < rest.Length; i++)
        {
            var arg = rest[i];
            string? value;
            string name;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else
            {
                name = arg;
                value = i + 1 < rest.Length ? rest[++i] : null;
            }

            if (name is "-h" or "--help")
            {
                await output.WriteLineAsync(Usage).ConfigureAwait(false);
                return Success;
            }

            if (name is not ("--out" or "--manifest-dir"))
            {
                await error.WriteLineAsync($"manifest package: unknown option '{arg}'.").ConfigureAwait(false);
                await error.WriteLineAsync(Usage).ConfigureAwait(false);
                return UsageError;
            }

            if (string.IsNullOrWhiteSpace(value) || value.StartsWith("--", StringComparison.Ordinal))
            {
                await error.WriteLineAsync($"manifest package: {name} needs a value.").ConfigureAwait(false);
                await error.WriteLineAsync(Usage).ConfigureAwait(false);
                return UsageError;
            }

            if (name == "--out")
            {
                outPath = value;
            }
            else
            {
                manifestDir = value;
            }
        }

        var rawAppId = configuration[AppIdKey];
        if (string.IsNullOrWhiteSpace(rawAppId))
        {
            await error.WriteLineAsync(
                $"manifest package: {AppIdKey} is not set. Set it (for example the environment variable {AppIdKey}, appsettings or user secrets) " +
                "to the bot's Entra application (client) id; the Teams app id and the bot id are both taken from it.").ConfigureAwait(false);
            return Failure;
        }

        if (!ManifestPackager.TryNormalizeAppId(rawAppId, out var appId))
        {
            await error.WriteLineAsync(
                $"manifest package: {AppIdKey} '{rawAppId}' is not a GUID. It must be the bot's Entra application (client) id, " +
                "in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.").ConfigureAwait(false);
            return Failure;
        }

        var baseDirectory = FindRepositoryRoot(startDirectories) ?? Directory.GetCurrentDirectory();
        if (manifestDir is null)
        {
            manifestDir = FindManifestDirectory(startDirectories);
            if (manifestDir is null)
            {
                await error.WriteLineAsync(
                    "manifest package: cannot find the manifest folder (manifest/manifest.json) above the content root or the current directory; " +
                    "pass --manifest-dir <dir>.").ConfigureAwait(false);
                return Failure;
            }
        }
        else
        {
            manifestDir = Path.GetFullPath(manifestDir, baseDirectory);
            if (!Directory.Exists(manifestDir))
            {
                await error.WriteLineAsync($"manifest package: the manifest folder {manifestDir} does not exist.").ConfigureAwait(false);
                return Failure;
            }
        }

        try
        {
            var packager = new ManifestPackager(manifestDir);
            var publisher = configuration.GetSection(ManifestPublisher.SectionName).Get<ManifestPublisher>() ?? new ManifestPublisher();
            var written = packager.WritePackage(appId, Path.GetFullPath(outPath ?? DefaultOutputPath, baseDirectory), publisher);
            await output.WriteLineAsync($"Teams app package written to {written}").ConfigureAwait(false);
            await output.WriteLineAsync($"  app id / bot id: {appId}").ConfigureAwait(false);
            await output.WriteLineAsync($"  from: {packager.ManifestDirectory}").ConfigureAwait(false);
            await output.WriteLineAsync("  Upload it in Teams (Apps > Manage your apps > Upload an app) or in the Teams admin centre.").ConfigureAwait(false);
            var settings = publisher.Fields.ToDictionary(
                f => "developer." + f.Field,
                f => $"{ManifestPublisher.SectionName}:{f.Setting} (environment variable {ManifestPublisher.SectionName}__{f.Setting})",
                StringComparer.Ordinal);
            foreach (var field in ManifestPackager.ExampleAddresses(packager.BuildManifest(appId, publisher)))
            {
                await error.WriteLineAsync(
                    $"manifest package: warning: {field} is still the template's example.org address. Set {settings.GetValueOrDefault(field, field)} " +
                    "to your school's own page before staff install the app.").ConfigureAwait(false);
            }

            return Success;
        }
        catch (ManifestPackagingException ex)
        {
            await error.WriteLineAsync($"manifest package: {ex.Message}").ConfigureAwait(false);
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"manifest package: cannot write the package: {ex.Message}").ConfigureAwait(false);
            return Failure;
        }
    }

    /// <summary>
    /// Walks up from each start folder in turn and returns the first folder holding <see cref="SolutionFileName"/>, or null.
    /// </summary>
    public static string? FindRepositoryRoot(IEnumerable<string?> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            if (string.IsNullOrWhiteSpace(start))
            {
                continue;
            }

            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Walks up from each start folder in turn and returns the first <c>manifest</c> folder holding a
    /// <c>manifest.json</c>, or null.
    /// </summary>
    public static string? FindManifestDirectory(IEnumerable<string?> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            if (string.IsNullOrWhiteSpace(start))
            {
                continue;
            }

            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "manifest");
                if (File.Exists(Path.Combine(candidate, ManifestPackager.ManifestFileName)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
