using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Content;

/// <summary>
/// <c>dotnet run --project src/StaffGuideBot -- content validate [folder] [--strict]</c>: checks a content pack
/// without starting the bot. Every problem is printed as <c>file:line:column: message</c>; warnings (such as a
/// contact still holding placeholder details) are shown but fail only with <c>--strict</c>.
/// Exit code 0 when the pack is good, 1 when it is not, 2 for a command line it cannot read. A relative folder is
/// taken from the repository root.
/// </summary>
public static class ContentCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private const string Usage = "usage: content validate [pack folder] [--strict]   (default: the pack in configuration, Content:Pack)";

    public static bool IsContentCommand(IReadOnlyList<string> args) => args is { Count: > 0 } && args[0] == "content";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ContentOptions options, string contentRoot, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var rest = args.Skip(1).ToList();
        if (rest.Count == 0 || rest[0] != "validate")
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var strict = rest.Remove("--strict");
        var folders = rest.Skip(1).ToList();
        if (folders.Count > 1 || folders.Any(f => f.StartsWith("--", StringComparison.Ordinal)))
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        // `dotnet run` starts the app in the project folder, so a relative path is taken from the repository root
        // (where the README's commands are typed), as the manifest command does.
        var baseDirectory = Manifest.ManifestCommand.FindRepositoryRoot([Directory.GetCurrentDirectory(), contentRoot]) ?? Directory.GetCurrentDirectory();
        var folder = folders.Count == 1 ? Path.GetFullPath(folders[0], baseDirectory) : options.ResolvePackFolder(contentRoot);
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"{folder}: no such folder; expected a content pack folder such as dialogs/england");
            return Failure;
        }

        var (pack, problems) = ContentPackLoader.TryLoad(folder);
        foreach (var problem in problems)
        {
            await (problem.IsError ? error : output).WriteLineAsync(problem.ToString());
        }

        var errors = problems.Count(p => p.IsError);
        var warnings = problems.Count - errors;
        var failed = pack is null || errors > 0 || (strict && warnings > 0);
        await output.WriteLineAsync(failed
            ? $"{folder}: {errors} error(s), {warnings} warning(s){(strict && warnings > 0 ? " (--strict: warnings count)" : string.Empty)}"
            : $"{folder}: pack '{pack!.Id}' version {pack.Version} is valid ({warnings} warning(s))");
        return failed ? Failure : Success;
    }
}
