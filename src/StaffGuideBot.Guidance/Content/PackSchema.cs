using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using NJsonSchema;
using NJsonSchema.Visitors;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The JSON Schemas of the pack files (the app's <c>schema/</c> folder, copied from dialogs/schema at build): the one
/// list of the pack's keys and types. <see cref="SchemaBinding"/> checks each file against one.
/// </summary>
internal static class PackSchema
{
    public const string FolderName = "schema";

    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Schemas = new(StringComparer.Ordinal);

    public static string Folder => Path.Combine(AppContext.BaseDirectory, FolderName);

    /// <summary>The schema <paramref name="name"/> (e.g. flow.schema.json), read once; one missing or broken is a fault of the build: it throws.</summary>
    public static JsonSchema Schema(string name) =>
        Schemas.GetOrAdd(name, n => new Lazy<JsonSchema>(() => JsonSchema.FromFileAsync(Path.Combine(Folder, n)).GetAwaiter().GetResult())).Value;

    /// <summary>
    /// Starts reading every schema on a background thread, so the first content load (at start-up, on the critical
    /// path to the first reply) finds them read: they are read while the host is being built. A schema that can't be
    /// read fails where it is first used, as before.
    /// </summary>
    public static void ReadInBackground() => _ = Task.Run(() =>
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*.schema.json"))
            {
                Schema(Path.GetFileName(file));
            }
        }
#pragma warning disable CA1031 // Only a head start: whatever went wrong here is thrown again where the schema is used.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    });

    /// <summary>The keys of the object schema at <paramref name="pointer"/> (e.g. "#/definitions/contact") of <paramref name="file"/>, in the schema's order.</summary>
    public static IReadOnlyList<string> Keys(string file, string pointer) => [.. At(file, pointer).ActualProperties.Keys];

    /// <summary>The typed alternatives of <paramref name="schema"/>'s anyOf (the step types, the question types), each with its type.</summary>
    public static IReadOnlyList<(string Type, JsonSchema Schema)> Types(JsonSchema schema) =>
        [.. schema.ActualSchema.AnyOf.Select(a => a.ActualSchema)
            .SelectMany(a => a.ActualProperties.TryGetValue("type", out var type) ? type.ActualSchema.Enumeration.Select(t => (t?.ToString() ?? "null", a)) : [])];

    /// <summary>Every key, in any of the schemas, whose value is the definition <paramref name="definition"/> (e.g. condition: showIf, when, …).</summary>
    public static IReadOnlyList<string> KeysOfDefinition(string definition)
    {
        var finder = new KeyFinder(definition);
        foreach (var path in Directory.GetFiles(Folder, "*.schema.json").Order(StringComparer.Ordinal))
        {
            finder.Visit(Schema(Path.GetFileName(path)));
        }

        return [.. finder.Keys.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether <paramref name="schema"/> is the definition <paramref name="name"/>, which NJsonSchema may file capitalised in a referring file.</summary>
    public static bool IsDefinition(JsonSchema? schema, string name) =>
        schema?.Parent is JsonSchema file && file.Definitions.Any(d => ReferenceEquals(d.Value, schema) && string.Equals(d.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The keys of pack.yaml a pack never takes from the pack it extends: those marked <c>notInherited</c>.</summary>
    public static IReadOnlyList<string> NotInherited() =>
        [.. Schema("pack.schema.json").ActualProperties.Where(p => p.Value.ExtensionData?.ContainsKey("notInherited") == true).Select(p => p.Key)];

    /// <summary>The names a term of pack.yaml may not have: "contact", then the placeholders the bot fills in at run time.</summary>
    public static IReadOnlyList<string> ReservedTerms() => [.. At("pack.schema.json", "#/properties/terms").Not!.AnyOf.Select(a => a.RequiredProperties.Single())];

    /// <summary>Whether <paramref name="text"/> is an id as common.schema.json's <c>id</c> pattern has it.</summary>
    public static bool IsId(string text) => Regex.IsMatch(text, At("common.schema.json", "#/definitions/id").Pattern!, RegexOptions.CultureInvariant);

    /// <summary>The schema at <paramref name="pointer"/> ("#", "#/definitions/x", "#/properties/x/…") of <paramref name="file"/>.</summary>
    private static JsonSchema At(string file, string pointer)
    {
        var schema = Schema(file);
        var parts = pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i += 2)
        {
            schema = (parts[i] == "definitions" ? schema.Definitions[parts[i + 1]] : schema.ActualProperties[parts[i + 1]]).ActualSchema;
        }

        return schema.ActualSchema;
    }

    private sealed class KeyFinder(string definition) : JsonSchemaVisitorBase
    {
        public List<string> Keys { get; } = [];

        protected override JsonSchema VisitSchema(JsonSchema schema, string path, string? typeNameHint)
        {
            Keys.AddRange(schema is JsonSchemaProperty { Name: { } name } property && IsDefinition(property.Reference, definition) ? [name] : []);
            return schema;
        }
    }
}
