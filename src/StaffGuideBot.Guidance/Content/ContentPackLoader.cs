using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Loads and validates a content pack folder (see dialogs/README.md). Every problem is reported with its file, line
/// and column, as <c>flow.yaml:42:7: step 'children' has unknown type 'repat'; expected one of info, …</c>; a pack
/// with any error is refused.
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
    /// warnings, in file order (pack, contacts, texts, flow, indicators) then line order.
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

        var bytes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var sources = new Dictionary<string, PackSource?>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            sources[name] = Read(folder, name, problems, out var content);
            if (content is not null)
            {
                bytes[name] = content;
            }
        }

        WarnAboutOtherFiles(folder, problems);

        var context = new LoadContext(problems);
        var text = new PackBinder(context);
        var conditions = new ConditionReader(context);
        text.BindPack(sources[PackFile]);
        text.BindContacts(sources[ContactsFile]);
        text.BindTexts(sources[TextsFile]);
        new FlowBinder(context, text, conditions).Bind(sources[FlowFile]);
        new IndicatorBinder(context, text, conditions).Bind(sources[IndicatorsFile]);
        PackSchemaCheck.Check(folder, FileNames.Select(n => sources[n]), problems, FileNames);

        var sorted = problems.Sorted(FileNames);
        if (problems.HasErrors)
        {
            return (null, sorted);
        }

        var pack = new ContentPack
        {
            Id = context.Id!,
            Name = context.Name!,
            Version = ComputeVersion(bytes),
            Terms = context.Terms!.AsReadOnly(),
            Triggers = context.Triggers.AsReadOnly(),
            YearGroups = context.YearGroups!.AsReadOnly(),
            Settings = context.Settings,
            Contacts = context.Contacts!,
            Texts = context.Texts.AsReadOnly(),
            Steps = context.Flow!.Steps.AsReadOnly(),
            Indicators = context.Indicators.AsReadOnly(),
        };
        return (pack, sorted);
    }

    /// <summary>
    /// The pack's version: the first 8 hex digits of a SHA-256 over each pack file's name and bytes, in the order of
    /// <see cref="FileNames"/>. Any change to any file changes it; other files in the folder do not.
    /// </summary>
    public static string ComputeVersion(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                files[name] = File.ReadAllBytes(path);
            }
        }

        return ComputeVersion(files);
    }

    private static string ComputeVersion(Dictionary<string, byte[]> files)
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

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 4));
    }

    private static PackSource? Read(string folder, string name, ProblemCollector problems, out byte[]? content)
    {
        content = null;
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            problems.Error(name, $"the file is missing; a pack has the files {YamlNodes.Quote(FileNames)}");
            return null;
        }

        string text;
        try
        {
            content = File.ReadAllBytes(path);
            using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (IOException ex)
        {
            problems.Error(name, $"the file could not be read: {ex.Message}");
            return null;
        }
        catch (UnauthorizedAccessException ex)
        {
            problems.Error(name, $"the file could not be read: {ex.Message}");
            return null;
        }

        return new PackSource(name, text, Parse(name, text, problems));
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

    private static void WarnAboutOtherFiles(string folder, ProblemCollector problems)
    {
        var others = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => (f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                && !FileNames.Contains(f))
            .Order(StringComparer.Ordinal);
        foreach (var file in others)
        {
            problems.Warning(file, $"this file is not part of a pack and is ignored{Suggestions.DidYouMean(file, FileNames)}; a pack has the files {YamlNodes.Quote(FileNames)}");
        }
    }
}
