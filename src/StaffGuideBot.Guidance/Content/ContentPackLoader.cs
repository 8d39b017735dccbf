using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Loads and validates a content pack folder (see dialogs/README.md). Every problem is reported with its file, line
/// and column, as <c>flow.yaml:42:7: step 'children' has unknown type 'repat'; expected one of info, …</c>; a pack
/// with any error is refused. A pack may extend another (<c>extends:</c> in pack.yaml): its files are then merged onto
/// the other pack's (<see cref="PackMerge"/>) before they are checked.
/// </summary>
public static class ContentPackLoader
{
    public const string PackFile = "pack.yaml";
    public const string ContactsFile = "contacts.yaml";
    public const string TextsFile = "texts.yaml";
    public const string FlowFile = "flow.yaml";
    public const string IndicatorsFile = "indicators.yaml";

    /// <summary>The files of a pack, in the order they are read and their problems listed.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [PackFile, ContactsFile, TextsFile, FlowFile, IndicatorsFile];

    /// <summary>The pack in <paramref name="folder"/>; throws <see cref="ContentPackException"/> listing every problem when it has any error.</summary>
    public static ContentPack Load(string folder)
    {
        var (pack, problems) = TryLoad(folder);
        return pack ?? throw new ContentPackException(folder, problems);
    }

    /// <summary>
    /// The pack in <paramref name="folder"/> (null when it has any error) and every problem found, errors and
    /// warnings, in file order (pack, contacts, texts, flow, indicators) then line order. A pack whose pack.yaml has
    /// <c>extends: &lt;name&gt;</c> is merged onto the pack in the sibling folder of that name first; problems in what
    /// it takes from there name that pack's files relative to <paramref name="folder"/> ("../england/flow.yaml").
    /// </summary>
    public static (ContentPack? Pack, IReadOnlyList<ContentProblem> Problems) TryLoad(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var problems = new ProblemCollector();
        if (!Directory.Exists(folder))
        {
            problems.Error(folder, "the content pack folder does not exist");
            return (null, problems.Sorted(FileNames));
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var loaded = LoadFolder(full, prefix: string.Empty, chain: [Path.GetFileName(full)], problems);
        return (loaded?.Pack, problems.Sorted(FileNames));
    }

    /// <summary>
    /// The pack's version: the first 8 hex digits of a SHA-256 over each pack file's name and bytes, in the order of
    /// <see cref="FileNames"/>, and, for a pack that extends another, that pack's hash. Any change to any file of the
    /// pack or of a pack it extends changes it; other files in the folder do not.
    /// </summary>
    public static string ComputeVersion(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return Version(Hash(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), []));

        static byte[] Hash(string folder, HashSet<string> seen)
        {
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var name in FileNames)
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path))
                {
                    files[name] = File.ReadAllBytes(path);
                }
            }

            var baseFolder = seen.Add(folder) && ExtendsOf(folder) is { } baseName ? SiblingFolder(folder, baseName) : null;
            return ComputeHash(files, baseFolder is not null && Directory.Exists(baseFolder) ? Hash(baseFolder, seen) : null);
        }
    }

    /// <summary>What <see cref="LoadFolder"/> gives the pack that extends this one.</summary>
    private sealed record LoadedPack(ContentPack Pack, IReadOnlyDictionary<string, PackSource?> Sources, byte[] Hash);

    /// <summary>
    /// Reads, merges and binds the pack in <paramref name="folder"/>; null when it has any error. File names in
    /// problems start with <paramref name="prefix"/>. <paramref name="chain"/> holds the folder names from the pack
    /// being loaded down to this one, to refuse a pack that extends itself.
    /// </summary>
    private static LoadedPack? LoadFolder(string folder, string prefix, IReadOnlyList<string> chain, ProblemCollector problems)
    {
        var bytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var sources = new Dictionary<string, PackSource?>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            if (!File.Exists(Path.Combine(folder, name)))
            {
                sources[name] = null;
                continue;
            }

            present.Add(name);
            sources[name] = Read(folder, name, prefix, problems, out var content);
            if (content is not null)
            {
                bytes[name] = content;
            }

            if (sources[name] is { } source)
            {
                problems.Register(source);
            }
        }

        if (sources[TextsFile] is { } texts)
        {
            PackMerge.FlattenTexts(texts, problems);
        }

        byte[]? baseHash = null;
        if (present.Contains(PackFile) && ExtendsNode(sources[PackFile]) is { } extends)
        {
            if (LoadBase(folder, sources[PackFile]!, extends, chain, problems) is not { } basePack)
            {
                return null;
            }

            baseHash = basePack.Hash;
            foreach (var name in FileNames)
            {
                if (!present.Contains(name))
                {
                    sources[name] = basePack.Sources[name]; // a file the pack does not have is the base's, whole
                }
                else if (sources[name]?.Root is { } root && basePack.Sources[name]?.Root is { } baseRoot)
                {
                    new PackMerge(sources[name]!, problems).Merge(baseRoot, root, packFile: name == PackFile);
                }
            }
        }
        else
        {
            foreach (var name in FileNames.Where(n => !present.Contains(n)))
            {
                problems.Error(prefix + name, $"the file is missing; a pack has the files {YamlNodes.Quote(FileNames)}");
            }
        }

        WarnAboutOtherFiles(folder, prefix, problems);

        var context = new LoadContext(problems);
        var text = new PackBinder(context);
        var conditions = new ConditionReader(context);
        text.BindPack(sources[PackFile]);
        text.BindContacts(sources[ContactsFile]);
        text.BindTexts(sources[TextsFile]);
        new FlowBinder(context, text, conditions).Bind(sources[FlowFile]);
        new IndicatorBinder(context, text, conditions).Bind(sources[IndicatorsFile]);

        if (problems.HasErrors)
        {
            return null;
        }

        var hash = ComputeHash(bytes, baseHash);
        var pack = new ContentPack
        {
            Id = context.Id!,
            Name = context.Name!,
            Version = Version(hash),
            Terms = context.Terms!.AsReadOnly(),
            Words = context.Words,
            YearGroups = context.YearGroups!.AsReadOnly(),
            Settings = context.Settings,
            Contacts = context.Contacts!,
            Texts = context.Texts.AsReadOnly(),
            Steps = context.Flow!.Steps.AsReadOnly(),
            Indicators = context.Indicators.AsReadOnly(),
            Checks = context.Checks.AsReadOnly(),
            Urgent = context.Urgent,
        };
        return new LoadedPack(pack, sources, hash);
    }

    /// <summary>
    /// Loads the pack named by <c>extends</c> (a sibling folder of <paramref name="folder"/>); null, with the problem
    /// reported at <paramref name="extends"/>, when it is not a folder name, does not exist, leads back to a pack of
    /// <paramref name="chain"/>, or has errors (then listed too).
    /// </summary>
    private static LoadedPack? LoadBase(string folder, PackSource packFile, YamlNode extends, IReadOnlyList<string> chain, ProblemCollector problems)
    {
        if (extends is not YamlScalarNode { Value: { } value } || YamlNodes.IsNull(extends) || !IsFolderName(value.Trim()))
        {
            problems.Error(packFile, extends, $"'extends' must be the name of the pack folder next to this one that this pack builds on (such as england), not {YamlNodes.Describe(extends)}");
            return null;
        }

        var name = value.Trim();
        var baseFolder = SiblingFolder(folder, name);
        if (!Directory.Exists(baseFolder))
        {
            var packs = Directory.EnumerateDirectories(Path.GetDirectoryName(folder)!)
                .Where(d => File.Exists(Path.Combine(d, PackFile)))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => !chain.Contains(n, StringComparer.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
            problems.Error(packFile, extends, $"extends '{name}', but there is no pack folder '{name}' next to this one{Suggestions.DidYouMean(name, packs)}"
                + (packs.Count > 0 ? $"; the packs there are {YamlNodes.Quote(packs)}" : string.Empty));
            return null;
        }

        // Follow the chain of packs from the base: coming back to a pack being loaded is a cycle.
        var path = chain.ToList();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (string? next = name; next is not null && visited.Add(next); next = ExtendsOf(SiblingFolder(folder, next)))
        {
            path.Add(next);
            if (chain.Contains(next, StringComparer.Ordinal))
            {
                var cycle = path.Skip(path.IndexOf(next));
                problems.Error(packFile, extends, $"extends '{name}', which makes a cycle: {string.Join(" → ", cycle)}; a pack can't extend itself, directly or through other packs");
                return null;
            }
        }

        var baseProblems = problems.ForBase();
        var loaded = LoadFolder(baseFolder, $"../{name}/", [.. chain, name], baseProblems);
        if (loaded is null)
        {
            // Counted in the base's own files: the errors of a pack it extends in turn are counted at its extends.
            var errors = baseProblems.All.Count(p => p.IsError && p.File.StartsWith($"../{name}/", StringComparison.Ordinal));
            problems.Error(packFile, extends, $"extends '{name}', which has {errors} error{(errors == 1 ? string.Empty : "s")} (listed under ../{name}/); fix that pack first");
            foreach (var problem in baseProblems.All)
            {
                problems.Add(problem);
            }
        }

        // A base that loads has its warnings found again where this pack keeps what they are about.
        return loaded;
    }

    /// <summary>The value of <c>extends</c> in a parsed pack.yaml, if it has one.</summary>
    private static YamlNode? ExtendsNode(PackSource? packFile) =>
        packFile?.Root is YamlMappingNode root
            ? root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "extends" }).Value
            : null;

    /// <summary>The folder name that the pack.yaml in <paramref name="folder"/> extends; null when none or unreadable.</summary>
    private static string? ExtendsOf(string folder)
    {
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(Path.Combine(folder, PackFile), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            stream.Load(reader);
            var node = stream.Documents.Count == 1 ? ExtendsNode(new PackSource(PackFile, string.Empty, stream.Documents[0].RootNode)) : null;
            return node is YamlScalarNode { Value: { } value } && IsFolderName(value.Trim()) ? value.Trim() : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or YamlException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsFolderName(string name) =>
        name.Length > 0 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', ':']) < 0;

    private static string SiblingFolder(string folder, string name) => Path.Combine(Path.GetDirectoryName(folder)!, name);

    private static byte[] ComputeHash(Dictionary<string, byte[]> files, byte[]? baseHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var name in FileNames)
        {
            if (!files.TryGetValue(name, out var content))
            {
                continue;
            }

            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            BinaryPrimitives.WriteInt64LittleEndian(length, content.LongLength);
            hash.AppendData(length);
            hash.AppendData(content);
        }

        if (baseHash is not null)
        {
            hash.AppendData("extends\0"u8);
            hash.AppendData(baseHash);
        }

        return hash.GetHashAndReset();
    }

    private static string Version(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 4));

    private static PackSource? Read(string folder, string name, string prefix, ProblemCollector problems, out byte[]? content)
    {
        content = null;
        var path = Path.Combine(folder, name);
        var display = prefix + name;
        string text;
        try
        {
            content = File.ReadAllBytes(path);
            using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (IOException ex)
        {
            problems.Error(display, $"the file could not be read: {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            problems.Error(display, $"the file could not be read: {ex.Message}");
            return null;
        }

        return new PackSource(display, text, Parse(display, text, problems));
    }

    /// <summary>The single document's root node; null (with the problem reported) when the YAML is broken or empty.</summary>
    private static YamlNode? Parse(string name, string text, ProblemCollector problems)
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
        const string duplicate = "Duplicate key ";
        if (message.StartsWith(duplicate, StringComparison.Ordinal))
        {
            return $"duplicate key '{message[duplicate.Length..]}'; a key may appear only once in a mapping";
        }

        var text = message.TrimEnd('.');
        var hint = text.Contains("quoted scalar", StringComparison.Ordinal) ? "; check that the quote starting here is closed" : string.Empty;
        return $"invalid YAML: {char.ToLowerInvariant(text[0])}{text[1..]}{hint}";
    }

    private static void WarnAboutOtherFiles(string folder, string prefix, ProblemCollector problems)
    {
        var others = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                && !FileNames.Contains(f))
            .Order(StringComparer.Ordinal);
        foreach (var file in others)
        {
            problems.Warning(prefix + file, $"this file is not part of a pack and is ignored{Suggestions.DidYouMean(file, FileNames)}; a pack has the files {YamlNodes.Quote(FileNames)}");
        }
    }
}
