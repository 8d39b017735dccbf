using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// Validates a Teams app manifest against the official Teams manifest schema (draft-04) from the shared schema folder.
/// </summary>
/// <remarks>
/// NJsonSchema 10 does not check <c>const</c>, so <c>manifestVersion</c> is compared with the schema's <c>const</c>
/// here. The 1.26 schema has an empty <c>anyOf</c> under <c>copilotAgents</c>, which draft-04 does not allow (and which
/// a strict validator would read as "nothing matches"); NJsonSchema 10.7.2 ignores it, and it is removed before loading
/// so that the result never depends on that. Patterns with escapes such as <c>\a</c> are valid .NET regular
/// expressions, and NJsonSchema does not meta-validate the schema itself, so they need nothing. Without the shared
/// schema folder (a clone with nothing beside it; never in CI) nothing is checked (<see cref="SharedSchemas.Present"/>).
/// </remarks>
public static partial class TeamsManifestSchema
{
    /// <summary>The manifest schema version the project uses.</summary>
    public const string DefaultVersion = "1.26";

    public static string SchemaFileName(string version) => $"teams-manifest-{version}.schema.json";

    /// <summary>Problems with the manifest (JSON text); empty when valid against schema <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> Validate(string manifestJson, string version = DefaultVersion)
    {
        ArgumentNullException.ThrowIfNull(manifestJson);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(manifestJson);
        }
        catch (JsonException ex)
        {
            return [$"#: not valid JSON: {ex.Message}"];
        }

        return node is null ? ["#: the manifest is null"] : Validate(node, version);
    }

    /// <summary>Problems with the manifest; empty when valid against schema <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> Validate(JsonNode manifest, string version = DefaultVersion)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var fileName = SchemaFileName(version);
        var errors = new List<string>();
        if (!SharedSchemas.Present())
        {
            return errors;
        }

        var expectedVersion = JsonSchemaFiles.ReadNode(fileName)["properties"]?["manifestVersion"]?["const"]?.GetValue<string>();
        var actualVersion = manifest["manifestVersion"];
        if (expectedVersion is not null &&
            (actualVersion?.GetValueKind() != JsonValueKind.String || actualVersion.GetValue<string>() != expectedVersion))
        {
            errors.Add($"#/manifestVersion: must be \"{expectedVersion}\" for this schema (was {actualVersion?.ToJsonString() ?? "missing"})");
        }

        var schema = JsonSchemaFiles.Load(fileName, cacheKey: "no-empty-anyOf", RemoveEmptyAnyOf);
        errors.AddRange(JsonSchemaFiles.Validate(schema, JsonSchemaFiles.ToToken(manifest.ToJsonString())));
        return errors;
    }

    /// <summary>Fails the test, listing every problem, unless the manifest is valid.</summary>
    public static void AssertValid(JsonNode manifest, string version = DefaultVersion)
    {
        var errors = Validate(manifest, version);
        Assert.True(errors.Count == 0, $"The manifest is not valid against the Teams manifest {version} schema:\n" + string.Join("\n", errors));
    }

    private static string RemoveEmptyAnyOf(string schemaText) => EmptyAnyOf().Replace(schemaText, string.Empty);

    // "anyOf": [] followed by a comma, or preceded by one (when it is the last member of its object).
    [GeneratedRegex(@"""anyOf""\s*:\s*\[\s*\]\s*,|,\s*""anyOf""\s*:\s*\[\s*\]")]
    private static partial Regex EmptyAnyOf();
}
