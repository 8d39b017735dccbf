using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Checks texts.yaml, the file still read by a hand-written binder (pack.yaml, contacts.yaml, flow.yaml and
/// indicators.yaml go through <see cref="SchemaBinding"/>), against its JSON Schema in the app's <c>schema/</c>
/// folder (copied from dialogs/schema at build; the schemas editors use, see dialogs/README.md), so that the loader
/// and the editor agree. The YAML is read as the YAML language server reads it (YAML 1.2: plain true/false are
/// booleans, plain numbers are numbers, quoted text is text), and each problem is reported at the line and column of
/// its YAML node. The binders' messages are friendlier, so a schema problem is reported only where they found nothing
/// on the lines of its node; missing required keys are left to them, as they know what a whole pack needs.
/// </summary>
internal static partial class PackSchemaCheck
{
    public const string FolderName = "schema";

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>The folder the app's copy of dialogs/schema is in: <c>schema/</c> beside the app's assemblies.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>Reports schema problems of <paramref name="files"/> on lines where <paramref name="problems"/> has none yet.</summary>
    public static void Check(IEnumerable<PackSource?> files, ProblemCollector problems, IReadOnlyList<string> fileOrder)
    {
        var taken = problems.Sorted(fileOrder).Select(p => (p.File, p.Line)).ToHashSet();
        foreach (var file in files)
        {
            if (file?.Root is null)
            {
                continue;
            }

            var schemaName = Path.GetFileNameWithoutExtension(file.Name) + ".schema.json";
            var schema = Schema(schemaName);
            var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var keys = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var document = ToJson(file.Root, "#", values, keys);
            foreach (var error in JsonSchemaErrors.Validate(schema, document, ignoreRequired: true))
            {
                var atKey = error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed;
                var node = (atKey ? keys.GetValueOrDefault(error.Path) : null) ?? Nearest(values, error.Path) ?? file.Root;
                // Not where the loader said something already: on the lines of the value (for a key that is not
                // allowed, of the mapping that has it), all of a mapping's or list's lines.
                var span = (atKey ? Nearest(values, Parent(error.Path)) : null) ?? node;
                var first = (int)Math.Max(1, span.Start.Line);
                var last = (int)span.AllNodes.Max(n => n.End.Line);
                if (Enumerable.Range(first, Math.Max(1, last - first + 1)).Any(line => taken.Contains((file.Name, line))) || !taken.Add((file.Name, (int)Math.Max(1, node.Start.Line))))
                {
                    continue;
                }

                var where = Readable(atKey ? Parent(error.Path) : error.Path);
                var written = JsonSchemaErrors.IsWrongType(error.Kind) && values.TryGetValue(error.Path, out var value) ? ", not " + Written(value) : string.Empty;
                problems.Error(file, node, $"{(where.Length == 0 ? string.Empty : where + ": ")}{error.Message}{written} ({FolderName}/{schemaName})");
            }
        }
    }

    /// <summary>
    /// A YAML node as JSON, as the YAML language server sees it, recording the node of each value (and the key of
    /// each property) under its path as NJsonSchema writes paths: <c>#/steps[2].question.id</c>.
    /// </summary>
    internal static JToken ToJson(YamlNode node, string path, Dictionary<string, YamlNode> values, Dictionary<string, YamlNode> keys)
    {
        values.TryAdd(path, node);
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new JObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name } || result.ContainsKey(name))
                    {
                        continue; // reported by the loader
                    }

                    var child = path == "#" ? "#/" + name : path + "." + name;
                    keys.TryAdd(child, key);
                    result[name] = ToJson(value, child, values, keys);
                }

                return result;
            case YamlSequenceNode sequence:
                return new JArray(sequence.Children.Select((item, i) => ToJson(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), values, keys)));
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return JValue.CreateNull();
        }
    }

    /// <summary>A YAML scalar as the JSON value a YAML 1.2 core-schema reader makes of it (quoted: always text).</summary>
    internal static JValue Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return new JValue(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return new JValue(value[0] is 't' or 'T');
        }

        if (IntPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return new JValue(whole);
        }

        if (FloatPattern().IsMatch(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return new JValue(number);
        }

        return new JValue(value);
    }

    /// <summary>How a value of the wrong kind reads in a message, saying how YAML took it.</summary>
    internal static string Written(YamlNode node)
    {
        if (node is not YamlScalarNode scalar || YamlNodes.IsNull(node))
        {
            return YamlNodes.Describe(node);
        }

        var text = YamlNodes.Shorten(scalar.Value ?? string.Empty);
        return Scalar(scalar).Type switch
        {
            JTokenType.Boolean => $"{text}, which YAML reads as true or false; put it in quotes to make it text",
            JTokenType.Integer or JTokenType.Float => $"{text}, which YAML reads as a number",
            _ when scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any) => $"\"{text}\", which the quotes make text",
            _ => $"'{text}'",
        };
    }

    /// <summary>The node at <paramref name="path"/>, or at the nearest path above it that has one.</summary>
    private static YamlNode? Nearest(Dictionary<string, YamlNode> values, string path)
    {
        for (var at = path; ; at = Parent(at))
        {
            if (values.TryGetValue(at, out var node))
            {
                return node;
            }

            if (at == "#")
            {
                return null;
            }
        }
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut > 1 ? path[..cut] : "#";
    }

    /// <summary>"#/steps[2].text" as "steps[2].text"; the root as nothing.</summary>
    private static string Readable(string path) => path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');

    /// <summary>
    /// The app's schema <paramref name="name"/> (e.g. flow.schema.json), read once. The schemas are part of the app,
    /// so one that is missing or broken is a fault of the build, not of the pack: it throws.
    /// </summary>
    public static JsonSchema Schema(string name) =>
        Schemas.GetOrAdd(name, n => new Lazy<JsonSchema>(
            () => JsonSchema.FromFileAsync(Path.Combine(Folder, n)).GetAwaiter().GetResult(),
            LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
