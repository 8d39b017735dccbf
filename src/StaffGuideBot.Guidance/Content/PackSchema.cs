using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// What the pack's JSON Schemas (the app's copy of dialogs/schema, see <see cref="PackSchemaCheck.Folder"/>) say about
/// the pack's shape, for the loader's messages: the keys a mapping may have, in the schema's order, and the values of an
/// enum. The schemas are the one list of the pack's keys and types: a key or step type is added there, not here.
/// </summary>
internal static class PackSchema
{
    private static readonly ConcurrentDictionary<string, JsonObject> Documents = new(StringComparer.Ordinal);

    /// <summary>The keys of the object schema at <paramref name="pointer"/> (e.g. "#/definitions/contact") of <paramref name="file"/>.</summary>
    public static IReadOnlyList<string> Keys(string file, string pointer) => KeysOf(Resolve(file, pointer));

    /// <summary>The values of the enum at <paramref name="pointer"/>.</summary>
    public static IReadOnlyList<string> Enum(string file, string pointer) =>
        (Resolve(file, pointer).Node["enum"] as JsonArray ?? []).Select(v => v!.ToString()).ToList();

    /// <summary>
    /// The typed alternatives of the anyOf at <paramref name="pointer"/> (the step types, the question types): each
    /// value of an alternative's <c>type</c> enum with that alternative's keys, in the schema's order.
    /// </summary>
    public static IReadOnlyList<(string Type, IReadOnlyList<string> Keys)> Types(string file, string pointer)
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var alternative in Resolve(file, pointer).Node["anyOf"] as JsonArray ?? [])
        {
            var (altFile, node) = Resolve(file, alternative!.AsObject());
            if (node["properties"]?["type"]?["enum"] is JsonArray types)
            {
                IReadOnlyList<string> keys = KeysOf((altFile, node));
                result.AddRange(types.Select(t => (t!.ToString(), keys)));
            }
        }

        return result;
    }

    /// <summary>Every key, in any of the schemas, whose value is the definition <paramref name="definition"/> (e.g. condition: showIf, when, …).</summary>
    public static IReadOnlyList<string> KeysOfDefinition(string definition)
    {
        var suffix = "#/definitions/" + definition;
        var keys = new List<string>();
        foreach (var path in Directory.GetFiles(PackSchemaCheck.Folder, "*.schema.json").Order(StringComparer.Ordinal))
        {
            Walk(Document(Path.GetFileName(path)));
        }

        return keys.Distinct(StringComparer.Ordinal).ToList();

        void Walk(JsonNode? node)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    Walk(item);
                }
            }
            else if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj["properties"] as JsonObject ?? [])
                {
                    if (value?["$ref"]?.GetValue<string>() is { } reference && reference.EndsWith(suffix, StringComparison.Ordinal))
                    {
                        keys.Add(name);
                    }
                }

                foreach (var (_, value) in obj)
                {
                    Walk(value);
                }
            }
        }
    }

    /// <summary>
    /// The names a term of pack.yaml may not have (<c>#/properties/terms/not/anyOf</c>, each requiring one): "contact",
    /// then the placeholders the bot fills in at run time.
    /// </summary>
    public static IReadOnlyList<string> ReservedTerms() =>
        (Resolve("pack.schema.json", "#/properties/terms/not").Node["anyOf"] as JsonArray ?? [])
            .Select(a => a!["required"]![0]!.GetValue<string>())
            .ToList();

    /// <summary>Whether <paramref name="text"/> is an id as common.schema.json's <c>id</c> pattern has it.</summary>
    public static bool IsId(string text) => IdPattern.Value.IsMatch(text);

    private static readonly Lazy<Regex> IdPattern = new(() =>
        new Regex(Resolve("common.schema.json", "#/definitions/id").Node["pattern"]!.GetValue<string>(), RegexOptions.CultureInvariant));

    private static List<string> KeysOf((string File, JsonObject Node) schema) =>
        (schema.Node["properties"] as JsonObject ?? []).Select(p => p.Key).ToList();

    private static (string File, JsonObject Node) Resolve(string file, string pointer) => Resolve(file, new JsonObject { ["$ref"] = pointer });

    /// <summary>Follows <c>$ref</c>s ("#/definitions/x", "common.schema.json#/definitions/x") to the schema they name.</summary>
    private static (string File, JsonObject Node) Resolve(string file, JsonObject node)
    {
        while (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            file = hash > 0 ? reference[..hash] : file;
            JsonNode current = Document(file);
            foreach (var part in reference[(hash + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                current = current[part] ?? throw new InvalidOperationException($"{PackSchemaCheck.FolderName}/{file} has no {reference}.");
            }

            node = current.AsObject();
        }

        return (file, node);
    }

    private static JsonObject Document(string file) =>
        Documents.GetOrAdd(file, f => JsonNode.Parse(File.ReadAllText(Path.Combine(PackSchemaCheck.Folder, f)))!.AsObject());
}
