using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Content;

/// <summary>
/// <c>dotnet run --project src/StaffGuideBot -- content validate [folder] [--strict]</c>: checks a content pack
/// without starting the bot. Every problem is printed as <c>file:line:column: message</c>, the file named from the repository root
/// (dialogs/england/flow.yaml); warnings (such as a
/// contact still holding placeholder details) are shown but fail only with <c>--strict</c> (with
/// <c>--allow-placeholders</c>, every warning but an unfilled school or local contact fails: how CI checks the packs as shipped). Then every card the pack
/// produces is checked against the Adaptive Card 1.5 schema and Teams' size limit (see <see cref="CardCheck"/>); a
/// problem is printed as <c>card &lt;name&gt;: &lt;path&gt;: message</c>, and a schema that cannot be found is a warning.
/// <c>content preview [folder] [--out dir] [--renderer path]</c>: writes every card of a pack as JSON and an
/// <c>index.html</c> that renders them in a browser (see <see cref="ContentPreview"/>); default output
/// <c>artifacts/preview/&lt;pack id&gt;</c>.
/// Exit code 0 when the pack is good, 1 when it is not, 2 for a command line it cannot read. Relative paths are
/// taken from the repository root.
/// </summary>
public static class ContentCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private const string Usage =
        "usage: content validate [pack folder] [--strict [--allow-placeholders]]\n" +
        "       content preview [pack folder] [--out <dir>] [--renderer <node_modules folder or adaptivecards.min.js>]\n" +
        "       (default pack: the one in configuration, Content:Pack; default --out: artifacts/preview/<pack id>)";

    /// <summary>Where <c>content preview</c> looks for the renderer when no <c>--renderer</c> is given (from the repository root).</summary>
    public static readonly string DefaultRenderer = Path.Combine("tests", "e2e", "node_modules", "adaptivecards", "dist", ContentPreview.RendererFileName);

    public static bool IsContentCommand(IReadOnlyList<string> args) => args is { Count: > 0 } && args[0] == "content";

    public static Task<int> RunAsync(IReadOnlyList<string> args, ContentOptions options, string contentRoot, TextWriter output, TextWriter error) =>
        RunAsync(args, options, contentRoot, output, error, CardCheck.DownloadAsync);

    /// <param name="download">How the Adaptive Card schema is downloaded when there is no copy (see <see cref="CardCheck.LoadSchemaAsync"/>).</param>
    internal static async Task<int> RunAsync(IReadOnlyList<string> args, ContentOptions options, string contentRoot, TextWriter output, TextWriter error, Func<Uri, CancellationToken, Task<string>> download)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var rest = args.Skip(1).ToList();
        if (rest.Count > 0 && rest[0] == "preview")
        {
            return await PreviewAsync(rest.Skip(1).ToList(), options, contentRoot, output, error);
        }

        if (rest.Count == 0 || rest[0] != "validate")
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var strict = rest.Remove("--strict");
        var allowPlaceholders = rest.Remove("--allow-placeholders");
        if (allowPlaceholders && !strict)
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }
        var folders = rest.Skip(1).ToList();
        if (folders.Count > 1 || folders.Any(f => f.StartsWith("--", StringComparison.Ordinal)))
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var baseDirectory = BaseDirectory(contentRoot);
        var folder = folders.Count == 1 ? Path.GetFullPath(folders[0], baseDirectory) : options.ResolvePackFolder(contentRoot);
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"{folder}: no such folder; expected a content pack folder such as dialogs/england");
            return Failure;
        }

        var (pack, problems) = ContentPackLoader.TryLoad(folder);
        foreach (var problem in problems)
        {
            await (problem.IsError ? error : output).WriteLineAsync(Describe(problem, folder, baseDirectory));
        }

        var errors = problems.Count(p => p.IsError);
        var warnings = problems.Count(p => !p.IsError);
        var allowed = allowPlaceholders ? problems.Count(p => !p.IsError && p.IsPlaceholder) : 0;
        var cards = string.Empty;
        if (pack is not null)
        {
            var schema = await CardCheck.LoadSchemaAsync(options.CardSchema, baseDirectory, RepositoryRoot(contentRoot), download);
            if (schema.Schema is null)
            {
                warnings++;
                await output.WriteLineAsync($"warning: cards were not checked against the Adaptive Card 1.5 schema: {schema.Where}; set Content:CardSchema to a copy of {CardCheck.SchemaUrl}");
            }
            else
            {
                var all = ContentPreview.Cards(pack);
                foreach (var card in all)
                {
                    foreach (var problem in CardCheck.Check(schema.Schema, card.Card))
                    {
                        errors++;
                        await error.WriteLineAsync($"card {CardName(card)}: {problem}");
                    }
                }

                cards = $"; its {all.Count} cards are valid Adaptive Cards 1.5 (schema: {schema.Where})";
            }
        }

        var counted = warnings - allowed;
        var failed = pack is null || errors > 0 || (strict && counted > 0);
        var placeholders = allowed > 0 ? $", {allowed} of them unfilled school contacts (allowed)" : string.Empty;
        await output.WriteLineAsync(failed
            ? $"{folder}: {errors} error(s), {warnings} warning(s){placeholders}{(strict && counted > 0 ? " (--strict: warnings count)" : string.Empty)}"
            : $"{folder}: pack '{pack!.Id}' version {pack.Version} is valid ({warnings} warning(s){placeholders}){cards}");
        return failed ? Failure : Success;
    }

    /// <summary>A card's name in messages: its preview file name without the number and extension ("step-children").</summary>
    private static string CardName(PreviewCard card)
    {
        var name = Path.GetFileNameWithoutExtension(card.FileName);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash >= 0 ? name[(dash + 1)..] : name;
    }

    private static async Task<int> PreviewAsync(List<string> args, ContentOptions options, string contentRoot, TextWriter output, TextWriter error)
    {
        string? folderArg = null, outArg = null, rendererArg = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && outArg is null:
                    outArg = args[++i];
                    break;
                case "--renderer" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) && rendererArg is null:
                    rendererArg = args[++i];
                    break;
                case var arg when !arg.StartsWith("--", StringComparison.Ordinal) && folderArg is null:
                    folderArg = arg;
                    break;
                default:
                    await error.WriteLineAsync(Usage);
                    return UsageError;
            }
        }

        var baseDirectory = BaseDirectory(contentRoot);
        var folder = folderArg is null ? options.ResolvePackFolder(contentRoot) : Path.GetFullPath(folderArg, baseDirectory);
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"{folder}: no such folder; expected a content pack folder such as dialogs/england");
            return Failure;
        }

        var (pack, problems) = ContentPackLoader.TryLoad(folder);
        if (pack is null || problems.Any(p => p.IsError))
        {
            foreach (var problem in problems)
            {
                await (problem.IsError ? error : output).WriteLineAsync(Describe(problem, folder, baseDirectory));
            }

            await error.WriteLineAsync($"{folder}: the pack has {problems.Count(p => p.IsError)} error(s); nothing was written (see `content validate`)");
            return Failure;
        }

        var outDirectory = Path.GetFullPath(outArg ?? Path.Combine("artifacts", "preview", pack.Id), baseDirectory);
        var renderer = FindRenderer(rendererArg, baseDirectory);
        var cards = ContentPreview.Cards(pack);
        ContentPreview.Write(pack, cards, outDirectory, renderer);
        if (renderer is null)
        {
            await error.WriteLineAsync(
                $"warning: the Adaptive Cards renderer was not found ({(rendererArg is null ? DefaultRenderer : Path.GetFullPath(rendererArg, baseDirectory))}); " +
                "index.html shows the cards as JSON. Run `npm ci` in tests/e2e (or pass --renderer <node_modules folder>) and preview again.");
        }

        await output.WriteLineAsync($"{outDirectory}: {cards.Count} cards of pack '{pack.Id}' version {pack.Version}; open {Path.Combine(outDirectory, ContentPreview.IndexFileName)}");
        return Success;
    }

    /// <summary>
    /// A problem as <c>file:line:column: message</c> with the file named from <paramref name="baseDirectory"/>
    /// (<c>dialogs/scotland/flow.yaml</c>, and <c>dialogs/england/flow.yaml</c> for what a pack takes from the pack it
    /// extends, rather than <c>../england/flow.yaml</c>), or in full when it is outside it. Terminals make such paths
    /// clickable.
    /// </summary>
    private static string Describe(ContentProblem problem, string folder, string baseDirectory)
    {
        var path = Path.GetFullPath(problem.File, folder);
        var relative = Path.GetRelativePath(baseDirectory, path);
        var shown = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : relative;
        return (problem with { File = shown }).ToString();
    }

    /// <summary>
    /// The renderer file: <paramref name="given"/> may be the file itself, the adaptivecards package folder or a
    /// node_modules folder holding it; without it, <see cref="DefaultRenderer"/>. Null when there is none.
    /// </summary>
    private static string? FindRenderer(string? given, string baseDirectory)
    {
        if (given is null)
        {
            var fallback = Path.Combine(baseDirectory, DefaultRenderer);
            return File.Exists(fallback) ? fallback : null;
        }

        var path = Path.GetFullPath(given, baseDirectory);
        string[] candidates =
        [
            path,
            Path.Combine(path, "dist", ContentPreview.RendererFileName),
            Path.Combine(path, "adaptivecards", "dist", ContentPreview.RendererFileName),
            Path.Combine(path, "node_modules", "adaptivecards", "dist", ContentPreview.RendererFileName),
        ];
        return candidates.FirstOrDefault(File.Exists);
    }

    private static string? RepositoryRoot(string contentRoot) =>
        Manifest.ManifestCommand.FindRepositoryRoot([Directory.GetCurrentDirectory(), contentRoot]);

    // `dotnet run` starts the app in the project folder, so a relative path is taken from the repository root
    // (where the README's commands are typed), as the manifest command does.
    private static string BaseDirectory(string contentRoot) => RepositoryRoot(contentRoot) ?? Directory.GetCurrentDirectory();
}
