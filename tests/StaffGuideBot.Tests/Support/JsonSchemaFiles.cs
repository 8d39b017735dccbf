using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// Loads schemas from the shared schema folder with NJsonSchema (once per file and pre-processing step) and turns
/// NJsonSchema's nested validation errors into readable lines.
/// </summary>
internal static class JsonSchemaFiles
{
    private static readonly ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema in <paramref name="fileName"/> (shared schema folder), after <paramref name="preprocess"/> has
    /// rewritten its text. NJsonSchema does not meta-validate a schema, so a schema with oddities (an empty
    /// <c>anyOf</c>) loads as long as its JSON parses. <paramref name="cacheKey"/> must change when the pre-processing does.
    /// </summary>
    public static JsonSchema Load(string fileName, string cacheKey, Func<string, string>? preprocess = null) =>
        Cache.GetOrAdd(
            fileName + "|" + cacheKey,
            _ => new Lazy<JsonSchema>(
                () =>
                {
                    var text = File.ReadAllText(SharedSchemas.PathOf(fileName));
                    if (preprocess is not null)
                    {
                        text = preprocess(text);
                    }

                    return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
                },
                LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>
    /// The schema at <paramref name="path"/> (any folder, e.g. dialogs/schema), loaded once; relative <c>$ref</c>s to
    /// other files beside it are resolved.
    /// </summary>
    public static JsonSchema LoadFile(string path) =>
        Cache.GetOrAdd(
            "file:" + Path.GetFullPath(path),
            key => new Lazy<JsonSchema>(
                () => JsonSchema.FromFileAsync(key["file:".Length..]).GetAwaiter().GetResult(),
                LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>Reads a schema file as a JSON tree (for keywords NJsonSchema 10 does not check, such as <c>const</c>).</summary>
    public static JsonNode ReadNode(string fileName) =>
        JsonNode.Parse(File.ReadAllText(SharedSchemas.PathOf(fileName)))
        ?? throw new InvalidOperationException($"{fileName} is empty.");

    /// <summary>Parses JSON text for NJsonSchema without turning date-like strings into dates.</summary>
    public static JToken ToToken(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
        };
        return JToken.ReadFrom(reader);
    }

    /// <summary>Validates and returns one line per problem (empty when valid).</summary>
    public static List<string> Validate(JsonSchema schema, JToken document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var lines = new List<string>();
        // NJsonSchema resolves references inside the schema object lazily; tests validate in parallel, so one at a time.
        lock (schema)
        {
            foreach (var error in schema.Validate(document))
            {
                Describe(error, document, lines, depth: 0);
            }
        }

        return lines;
    }

    private static void Describe(ValidationError error, JToken document, List<string> lines, int depth)
    {
        var indent = new string(' ', depth * 2);
        var where = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        var property = string.IsNullOrEmpty(error.Property) ? string.Empty : $" (property '{error.Property}')";

        // "item [n] is not valid" only wraps the item's own errors, which already carry the item's path.
        if (error is ChildSchemaValidationError { Kind: ValidationErrorKind.ArrayItemNotValid } item)
        {
            foreach (var nested in item.Errors.Values.SelectMany(errors => errors))
            {
                Describe(nested, document, lines, depth);
            }

            return;
        }

        if (error is not ChildSchemaValidationError child)
        {
            lines.Add($"{indent}{where}: {error.Kind}{property}");
            return;
        }

        // anyOf/oneOf over a family of element or action types: each alternative pins "type" with an enum.
        // Alternatives that fail only because "type" is another value are noise; show the ones that matched the type.
        var branches = child.Errors.Values.ToList();
        var relevant = branches.Where(errors => !FailsOnTypeDiscriminator(errors)).ToList();
        if (branches.Count > 1 && relevant.Count == 0)
        {
            var typeValue = Resolve(document, error.Path)?["type"] is JValue { Type: JTokenType.String } v ? (string?)v : null;
            lines.Add(typeValue is null
                ? $"{indent}{where}: {error.Kind}{property} - no alternative matches (no 'type' given)"
                : $"{indent}{where}: {error.Kind}{property} - unknown type '{typeValue}'");
            return;
        }

        lines.Add($"{indent}{where}: {error.Kind}{property}");
        foreach (var nested in (relevant.Count > 0 ? relevant : branches).SelectMany(errors => errors))
        {
            Describe(nested, document, lines, depth + 1);
        }
    }

    // NJsonSchema paths look like "#/body[3].items[0]"; JSONPath without the "#/" finds the same token.
    private static JToken? Resolve(JToken document, string? path)
    {
        var jsonPath = path is null ? string.Empty : path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        if (jsonPath.Length == 0)
        {
            return document;
        }

        try
        {
            return document.SelectToken(jsonPath);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // An alternative with no "type" key at all (a content pack's partial override item) fails on "type" being there.
    private static bool FailsOnTypeDiscriminator(ICollection<ValidationError> errors) =>
        errors.Any(e =>
            (e.Kind is ValidationErrorKind.NotInEnumeration or ValidationErrorKind.NoAdditionalPropertiesAllowed && e.Property == "type") ||
            (e is ChildSchemaValidationError c && c.Kind == ValidationErrorKind.NotAllOf && c.Errors.Values.Any(FailsOnTypeDiscriminator)));
}
