using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Reads the keys of one YAML mapping into model values, reporting every problem against the node it concerns:
/// unknown keys (with a "did you mean"), missing and empty values, and values of the wrong kind.
/// Messages start with <see cref="Subject"/>, e.g. "question 'age'".
/// </summary>
internal sealed partial class MappingReader
{
    private readonly PackSource _file;
    private readonly ProblemCollector _problems;
    private readonly List<(string Name, YamlScalarNode Key, YamlNode Value)> _entries = [];

    public MappingReader(PackSource file, ProblemCollector problems, YamlMappingNode node, string subject)
    {
        _file = file;
        _problems = problems;
        Node = node;
        Subject = subject;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name } scalar)
            {
                _entries.Add((name, scalar, value));
            }
            else
            {
                problems.Error(file, key, $"{subject} has a key that is {YamlNodes.Describe(key)}; keys must be plain words");
            }
        }
    }

    public YamlMappingNode Node { get; }

    /// <summary>What the mapping is, as messages name it ("step 'children'").</summary>
    public string Subject { get; set; }

    public bool Has(string key) => _entries.Exists(e => e.Name == key);

    public YamlNode? Value(string key) => _entries.Find(e => e.Name == key).Value;

    public YamlScalarNode? Key(string key) => _entries.Find(e => e.Name == key).Key;

    /// <summary>
    /// Reports every key not in <paramref name="allowed"/>. <paramref name="misplaced"/> may explain a key that is
    /// valid elsewhere (e.g. "which info steps don't use; acknowledge steps do").
    /// </summary>
    public void CheckKeys(IReadOnlyCollection<string> allowed, Func<string, string?>? misplaced = null)
    {
        foreach (var (name, key, _) in _entries)
        {
            if (allowed.Contains(name))
            {
                continue;
            }

            var message = misplaced?.Invoke(name)
                ?? $"{Subject} has unknown key '{name}'{Suggestions.DidYouMean(name, allowed)}; expected one of {YamlNodes.Quote(allowed)}";
            _problems.Error(_file, key, message);
        }
    }

    /// <summary>Reports a missing (or null) key; true when it has a value.</summary>
    public bool Require(string key, string? because = null)
    {
        var value = Value(key);
        if (value is not null && !YamlNodes.IsNull(value))
        {
            return true;
        }

        if (value is not null)
        {
            _problems.Error(_file, Key(key)!, $"{Subject} has an empty '{key}'{because}");
        }
        else
        {
            _problems.Error(_file, Node, $"{Subject} is missing '{key}'{because}");
        }

        return false;
    }

    public (string Text, YamlScalarNode Node)? TextNode(string key, bool required = false, string? because = null)
    {
        var value = Value(key);
        if (value is null)
        {
            if (required)
            {
                Require(key, because);
            }

            return null;
        }

        if (YamlNodes.IsNull(value))
        {
            _problems.Error(_file, Key(key)!, $"{Subject} has an empty '{key}'{because}");
            return null;
        }

        if (value is not YamlScalarNode scalar)
        {
            _problems.Error(_file, value, $"{Subject}: '{key}' must be text, not {YamlNodes.Describe(value)}");
            return null;
        }

        var text = (scalar.Value ?? string.Empty).TrimEnd();
        if (text.Trim().Length == 0)
        {
            _problems.Error(_file, scalar, $"{Subject} has an empty '{key}'{because}");
            return null;
        }

        return (text, scalar);
    }

    public static bool IsId(string text) => IdPattern().IsMatch(text);

    public bool? Bool(string key)
    {
        if (Scalar(key, "true or false") is not { } scalar)
        {
            return null;
        }

        if (bool.TryParse(scalar.Value, out var value))
        {
            return value;
        }

        _problems.Error(_file, scalar, $"{Subject}: '{key}' must be true or false, not {YamlNodes.Describe(scalar)}");
        return null;
    }

    public decimal? Number(string key)
    {
        if (Scalar(key, "a number") is not { } scalar)
        {
            return null;
        }

        if (TryNumber(scalar, out var value))
        {
            return value;
        }

        _problems.Error(_file, scalar, $"{Subject}: '{key}' must be a number, not {YamlNodes.Describe(scalar)}");
        return null;
    }

    public static bool TryNumber(YamlScalarNode scalar, out decimal value) =>
        decimal.TryParse(scalar.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    /// <summary>A list; reports a missing (when required), null, empty or non-list value.</summary>
    public YamlSequenceNode? Sequence(string key, bool required = false, string? because = null)
    {
        var value = Value(key);
        if (value is null || YamlNodes.IsNull(value))
        {
            if (required || value is not null)
            {
                Require(key, because);
            }

            return null;
        }

        if (value is not YamlSequenceNode sequence)
        {
            _problems.Error(_file, value, $"{Subject}: '{key}' must be a list, not {YamlNodes.Describe(value)}");
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            _problems.Error(_file, sequence, $"{Subject} has an empty '{key}'{because}");
            return null;
        }

        return sequence;
    }

    /// <summary>A list of texts; reports items that are not text or are empty. Null when absent or wrong.</summary>
    public List<(string Text, YamlScalarNode Node)>? TextList(string key, bool required = false, string? because = null)
    {
        if (Sequence(key, required, because) is not { } sequence)
        {
            return null;
        }

        var result = new List<(string, YamlScalarNode)>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode scalar && !YamlNodes.IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
            {
                result.Add((scalar.Value.TrimEnd(), scalar));
            }
            else
            {
                _problems.Error(_file, item, $"{Subject}: each item of '{key}' must be text, not {YamlNodes.Describe(item)}");
            }
        }

        return result;
    }

    private YamlScalarNode? Scalar(string key, string expected)
    {
        var value = Value(key);
        if (value is null)
        {
            return null;
        }

        if (value is YamlScalarNode scalar && !YamlNodes.IsNull(scalar))
        {
            return scalar;
        }

        _problems.Error(_file, value, $"{Subject}: '{key}' must be {expected}, not {YamlNodes.Describe(value)}");
        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
