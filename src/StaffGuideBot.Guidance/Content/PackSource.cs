using System.Globalization;
using F23.StringSimilarity;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>One file of a pack: its name ("flow.yaml", or "../england/flow.yaml" in the pack it extends), text and YAML (null when empty or broken).</summary>
internal sealed record PackSource(string Name, string Text, YamlNode? Root)
{
    /// <summary>Where <paramref name="needle"/> first occurs in <paramref name="node"/> (e.g. a placeholder in a multi-line text); the node's start when it does not.</summary>
    public Mark Locate(YamlNode node, string needle)
    {
        var from = (int)Math.Min(node.Start.Index, Text.Length);
        var at = Text.IndexOf(needle, from, (int)Math.Clamp(node.End.Index, from, Text.Length) - from, StringComparison.Ordinal);
        if (at < 0)
        {
            return node.Start;
        }

        var before = Text.AsSpan(from, at - from);
        var lines = before.Count('\n');
        return new Mark(at, node.Start.Line + lines, lines == 0 ? node.Start.Column + before.Length : before.Length - before.LastIndexOf('\n'));
    }
}

/// <summary>Collects the problems of one load; a problem at a YAML node is reported in the file the node was read from (see <see cref="Register"/>).</summary>
internal sealed class ProblemCollector(Dictionary<YamlNode, PackSource>? origins = null)
{
    private readonly List<ContentProblem> _problems = [];
    private readonly Dictionary<YamlNode, PackSource> _origins = origins ?? new(ReferenceEqualityComparer.Instance);

    public bool HasErrors => _problems.Exists(p => p.IsError);

    public IEnumerable<ContentProblem> All => _problems;

    /// <summary>A collector for the pack a pack extends: its own problems, but the same record of where nodes come from.</summary>
    public ProblemCollector ForBase() => new(_origins);

    /// <summary>Records that every node of <paramref name="file"/> comes from it.</summary>
    public PackSource Register(PackSource file)
    {
        foreach (var node in file.Root?.AllNodes ?? [])
        {
            _origins.TryAdd(node, file);
        }

        return file;
    }

    /// <summary>The file <paramref name="node"/> was read from; <paramref name="fallback"/> for a node not read from any.</summary>
    public PackSource Origin(YamlNode node, PackSource fallback) => _origins.GetValueOrDefault(node, fallback);

    /// <summary>The line of <paramref name="node"/> as quoted beside a problem at <paramref name="reportedAt"/>: "12", or "12 of ../england/flow.yaml".</summary>
    public string Line(YamlNode node, YamlNode reportedAt)
    {
        var line = node.Start.Line.ToString(CultureInfo.InvariantCulture);
        return _origins.TryGetValue(node, out var file) && (!_origins.TryGetValue(reportedAt, out var other) || other != file)
            ? $"{line} of {file.Name}"
            : line;
    }

    /// <summary>Adds the problems of a pack this one extends.</summary>
    public void Add(ProblemCollector extended) => _problems.AddRange(extended._problems);

    public void Error(string file, string message) => Add(file, null, message, ContentProblemSeverity.Error);

    public void Error(string file, Mark at, string message) => Add(file, at, message, ContentProblemSeverity.Error);

    public void Error(PackSource file, YamlNode at, string message) => Add(Origin(at, file).Name, at.Start, message, ContentProblemSeverity.Error);

    /// <summary>An error at the first <paramref name="needle"/> inside <paramref name="node"/> (e.g. a placeholder in a long text).</summary>
    public void Error(PackSource file, YamlNode node, string needle, string message) =>
        Add(Origin(node, file).Name, Origin(node, file).Locate(node, needle), message, ContentProblemSeverity.Error);

    public void Warning(string file, string message) => Add(file, null, message, ContentProblemSeverity.Warning);

    public void Warning(PackSource file, YamlNode at, string message) => Add(Origin(at, file).Name, at.Start, message, ContentProblemSeverity.Warning);

    /// <summary>A contact still marked <c>placeholder: true</c> (see <see cref="ContentProblem.IsPlaceholder"/>).</summary>
    public void PlaceholderWarning(PackSource file, YamlNode at, string message) =>
        Add(Origin(at, file).Name, at.Start, message, ContentProblemSeverity.Warning, isPlaceholder: true);

    /// <summary>Problems in the order of the pack's files ("../england/flow.yaml" after the pack's own flow.yaml), then by line and column.</summary>
    public IReadOnlyList<ContentProblem> Sorted() =>
    [
        .. _problems
            .OrderBy(p => Array.IndexOf(ContentPackLoader.FileNames, p.File[(p.File.LastIndexOf('/') + 1)..]))
            .ThenBy(p => p.File.Contains('/', StringComparison.Ordinal))
            .ThenBy(p => p.File, StringComparer.Ordinal)
            .ThenBy(p => p.Line)
            .ThenBy(p => p.Column),
    ];

    private void Add(string file, Mark? at, string message, ContentProblemSeverity severity, bool isPlaceholder = false) =>
        _problems.Add(new ContentProblem
        {
            File = file,
            Line = at is { } mark ? (int)Math.Max(1, mark.Line) : 0,
            Column = at is { } position ? (int)Math.Max(1, position.Column) : 0,
            Message = message,
            Severity = severity,
            IsPlaceholder = isPlaceholder,
        });
}

internal static class YamlNodes
{
    /// <summary>A plain empty scalar, "~" or "null": YAML's null (e.g. "text:" with nothing after it).</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");

    /// <summary>How a node reads in a message: "a list", "a mapping", "nothing" or the quoted value.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? string.Empty)}'",
        _ => "an unsupported YAML value",
    };

    public static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 40 ? oneLine : string.Concat(oneLine.AsSpan(0, 37), "...");
    }

    public static string Quote(IEnumerable<string> names) => string.Join(", ", names);

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>"Did you mean …?" for typos: the closest candidate within a small optimal string alignment distance.</summary>
internal static class Suggestions
{
    private static readonly OptimalStringAlignment Distance = new();

    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Candidate: c, Distance: Distance.Distance(input.ToUpperInvariant(), c.ToUpperInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        var allowed = Math.Max(1, Math.Min(3, input.Length / 3));
        return best.Candidate is not null && best.Distance <= allowed && !string.Equals(best.Candidate, input, StringComparison.Ordinal) ? best.Candidate : null;
    }

    /// <summary>" (did you mean 'x'?)" or nothing.</summary>
    public static string DidYouMean(string input, IEnumerable<string> candidates, string prefix = "'", string suffix = "'") =>
        Closest(input, candidates) is { } close ? $" (did you mean {prefix}{close}{suffix}?)" : string.Empty;
}
