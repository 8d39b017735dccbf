using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Loads and validates a content pack folder (see dialogs/README.md); every problem has its file, line and column, and
/// a pack with any error is refused. A pack that extends another is merged onto it (<see cref="PackMerge"/>) first.
/// </summary>
public static class ContentPackLoader
{
    public const string PackFile = "pack.yaml";
    public const string ContactsFile = "contacts.yaml";
    public const string TextsFile = "texts.yaml";
    public const string FlowFile = "flow.yaml";
    public const string IndicatorsFile = "indicators.yaml";
    public const string DecisionsFile = "decisions.yaml";

    /// <summary>The files of a pack, in the order they are read and their problems listed.</summary>
    internal static readonly string[] FileNames = [PackFile, ContactsFile, TextsFile, FlowFile, IndicatorsFile, DecisionsFile];

    /// <summary>The pack in <paramref name="folder"/>; throws <see cref="ContentPackException"/> listing every problem when it has any error.</summary>
    public static ContentPack Load(string folder)
    {
        var (pack, problems) = TryLoad(folder);
        return pack ?? throw new ContentPackException(folder, problems);
    }

    /// <summary>The pack in <paramref name="folder"/> (null when it has any error) and every problem, in file then line order.</summary>
    public static (ContentPack? Pack, IReadOnlyList<ContentProblem> Problems) TryLoad(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        try
        {
            return TryLoad(ContentFiles.OnDisk(Path.GetDirectoryName(full) ?? full), Path.GetFileName(full), folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [new ContentProblem { File = folder, Message = $"the pack's files could not be read: {ex.Message}" }]);
        }
    }

    /// <summary>As <see cref="TryLoad(string)"/>, for pack folder <paramref name="pack"/> of <paramref name="files"/>; <paramref name="folder"/> names it in a problem.</summary>
    public static (ContentPack? Pack, IReadOnlyList<ContentProblem> Problems) TryLoad(ContentFiles files, string pack, string folder)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new ProblemCollector();
        if (files.Pack(pack) is not { } own)
        {
            problems.Error(folder, "the content pack folder does not exist");
            return (null, problems.Sorted());
        }

        var loaded = LoadPack(files, own, prefix: string.Empty, chain: [pack], problems);
        return (loaded?.Pack, problems.Sorted());
    }

    private sealed record LoadedPack(ContentPack Pack, IReadOnlyDictionary<string, PackSource?> Sources, byte[] Hash);

    /// <summary>Parses, merges and binds a pack's <paramref name="files"/>; <paramref name="chain"/> names the packs from the one being loaded down to this one.</summary>
    private static LoadedPack? LoadPack(ContentFiles content, IReadOnlyDictionary<string, byte[]> files, string prefix, IReadOnlyList<string> chain, ProblemCollector problems)
    {
        var sources = FileNames.ToDictionary(n => n, n => files.TryGetValue(n, out var bytes) ? Parse(prefix + n, bytes, problems) : null);
        PackMerge.FlattenTexts(sources[TextsFile], problems);

        byte[]? baseHash = null;
        if (Extends(sources[PackFile]) is { Node: { } extends } named)
        {
            if (LoadBase(content, sources[PackFile]!, extends, named.Name, chain, problems) is not { } basePack)
            {
                return null;
            }

            baseHash = basePack.Hash;
            foreach (var name in FileNames)
            {
                if (sources[name] is { Root: { } root } own && basePack.Sources[name]?.Root is { } baseRoot)
                {
                    new PackMerge(own, problems).Merge(baseRoot, root, packFile: name == PackFile);
                }

                sources[name] ??= basePack.Sources[name]; // a file the pack does not have is the base's, whole
            }
        }
        else
        {
            foreach (var name in FileNames.Where(n => sources[n] is null))
            {
                problems.Error(prefix + name, $"the file is missing; a pack has the files {YamlNodes.Quote(FileNames)}");
            }
        }

        foreach (var other in files.Keys.Except(FileNames).Order(StringComparer.Ordinal))
        {
            problems.Warning(prefix + other, $"this file is not part of a pack and is ignored{Suggestions.DidYouMean(other, FileNames)}; a pack has the files {YamlNodes.Quote(FileNames)}");
        }

        var context = new LoadContext(problems);
        var text = new PackBinder(context);
        var conditions = new ConditionReader(context);
        text.BindPack(sources[PackFile]);
        text.BindContacts(sources[ContactsFile]);
        text.BindTexts(sources[TextsFile]);
        new FlowBinder(context, text, conditions).Bind(sources[FlowFile]);
        var indicators = new IndicatorBinder(context, text, conditions);
        indicators.Bind(sources[IndicatorsFile]);
        indicators.BindDecisions(sources[DecisionsFile]);

        if (problems.HasErrors)
        {
            return null;
        }

        var hash = ContentFiles.Hash(FileNames.Where(files.ContainsKey).Select(n => KeyValuePair.Create(n, files[n])), baseHash);
        var pack = new ContentPack
        {
            Id = context.Id!,
            Name = context.Name!,
            Version = ContentFiles.Short(hash),
            Terms = context.Terms!.AsReadOnly(),
            Words = context.Words,
            YearGroups = context.YearGroups!.AsReadOnly(),
            Settings = context.Settings,
            Contacts = context.Contacts!,
            Texts = context.Texts.AsReadOnly(),
            Steps = context.Flow!.Steps.AsReadOnly(),
            Indicators = context.Indicators.AsReadOnly(),
            Checks = context.Checks.AsReadOnly(),
            Routes = context.Routes.AsReadOnly(),
            KeyFacts = context.KeyFacts.AsReadOnly(),
            Outcomes = context.Outcomes.AsReadOnly(),
            ParentsChoices = context.ParentsChoices.AsReadOnly(),
            Classifications = context.Classifications.AsReadOnly(),
            Record = context.Record,
            Trends = context.Trends.AsReadOnly(),
            Urgent = context.Urgent,
            Allegation = context.Allegation,
        };
        return new LoadedPack(pack, sources, hash);
    }

    /// <summary>Loads pack <paramref name="name"/>; null, with the problem reported at <paramref name="extends"/>, when it can't be loaded.</summary>
    private static LoadedPack? LoadBase(ContentFiles content, PackSource packFile, YamlNode extends, string? name, IReadOnlyList<string> chain, ProblemCollector problems)
    {
        if (name is null)
        {
            problems.Error(packFile, extends, $"'extends' must be the name of the pack folder next to this one that this pack builds on (such as england), not {YamlNodes.Describe(extends)}");
            return null;
        }

        if (content.Pack(name) is not { } files)
        {
            var packs = content.PackNames().Except(chain, StringComparer.Ordinal).ToList();
            problems.Error(packFile, extends, $"extends '{name}', but there is no pack folder '{name}' next to this one{Suggestions.DidYouMean(name, packs)}"
                + (packs.Count > 0 ? $"; the packs there are {YamlNodes.Quote(packs)}" : string.Empty));
            return null;
        }

        // Follow the chain of packs from the base: coming back to a pack being loaded is a cycle.
        var path = chain.ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (string? next = name; next is not null && visited.Add(next); next = ExtendsOf(content, next))
        {
            path.Add(next);
            if (chain.Contains(next, StringComparer.Ordinal))
            {
                problems.Error(packFile, extends, $"extends '{name}', which makes a cycle: {string.Join(" → ", path.Skip(path.IndexOf(next)))}; a pack can't extend itself, directly or through other packs");
                return null;
            }
        }

        var baseProblems = problems.ForBase();
        var loaded = LoadPack(content, files, $"../{name}/", [.. chain, name], baseProblems);
        if (loaded is null)
        {
            // Counted in the base's own files: the errors of a pack it extends in turn are counted at its extends.
            var errors = baseProblems.All.Count(p => p.IsError && p.File.StartsWith($"../{name}/", StringComparison.Ordinal));
            problems.Error(packFile, extends, $"extends '{name}', which has {errors} error{(errors == 1 ? string.Empty : "s")} (listed under ../{name}/); fix that pack first");
            problems.Add(baseProblems);
        }

        // A base that loads has its warnings found again where this pack keeps what they are about.
        return loaded;
    }

    /// <summary>The <c>extends</c> node of a parsed pack.yaml, if it has one, and the pack folder it names (null when it names none).</summary>
    private static (YamlNode? Node, string? Name) Extends(PackSource? packFile)
    {
        var node = (packFile?.Root as YamlMappingNode)?.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "extends" }).Value;
        var name = node is YamlScalarNode { Value: { } value } && !YamlNodes.IsNull(node) && ContentFiles.IsName(value.Trim()) ? value.Trim() : null;
        return (node, name);
    }

    /// <summary>The pack that pack <paramref name="pack"/> extends; null when none or its pack.yaml is broken (that is reported when it is loaded).</summary>
    private static string? ExtendsOf(ContentFiles content, string pack) =>
        content.Pack(pack)?.GetValueOrDefault(PackFile) is { } bytes ? Extends(Parse(PackFile, bytes, new ProblemCollector())).Name : null;

    /// <summary>The file's text and YAML, each node recorded as read from it (see <see cref="ProblemCollector.Register"/>).</summary>
    private static PackSource Parse(string name, byte[] bytes, ProblemCollector problems)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = reader.ReadToEnd();
        return problems.Register(new PackSource(name, text, Root(name, text, problems)));
    }

    /// <summary>The single document's root node; null (with the problem reported) when the YAML is broken or empty.</summary>
    private static YamlNode? Root(string name, string text, ProblemCollector problems)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            problems.Error(name, ex.Start, DescribeYamlError(ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on some unclosed flow collections; the scanner knows where it stopped.
            problems.Error(name, scanner.CurrentPosition, "invalid YAML: check for a '[', '{' or quote that is not closed");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            problems.Error(name, "the file is empty");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            problems.Error(name, stream.Documents[1].RootNode.Start, "the file has more than one YAML document; remove the '---' line");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static string DescribeYamlError(string message)
    {
        if (message.StartsWith("Duplicate key ", StringComparison.Ordinal))
        {
            return $"duplicate key '{message["Duplicate key ".Length..]}'; a key may appear only once in a mapping";
        }

        var hint = message.Contains("quoted scalar", StringComparison.Ordinal) ? "; check that the quote starting here is closed" : string.Empty;
        return $"invalid YAML: {char.ToLowerInvariant(message[0])}{message[1..].TrimEnd('.')}{hint}";
    }
}
