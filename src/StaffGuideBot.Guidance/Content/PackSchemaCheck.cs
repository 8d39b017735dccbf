using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The pack files' JSON Schemas, in the app's <c>schema/</c> folder (copied from dialogs/schema at build; the schemas
/// editors use, see dialogs/README.md), and the YAML as the YAML language server reads it (YAML 1.2: plain true/false
/// are booleans, plain numbers are numbers, quoted text is text), for <see cref="SchemaBinding"/> to check each file
/// against its schema, so that the loader and the editor agree.
/// </summary>
internal static partial class PackSchemaCheck
{
    public const string FolderName = "schema";

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    /// <summary>The folder the app's copy of dialogs/schema is in: <c>schema/</c> beside the app's assemblies.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);

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
