using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// Validates an Adaptive Card against the official Adaptive Card 1.5 schema (the newest version Teams renders fully),
/// from the shared schema folder.
/// </summary>
/// <remarks>
/// The pure schema has no top-level <c>msteams</c> property and forbids additional properties, so a card with
/// Teams extras (<c>"msteams": {"width": "Full"}</c>, mention entities) would fail. The top-level <c>msteams</c>
/// is therefore checked here (it must be an object) and removed before schema validation. The schema does not
/// require <c>version</c> although a top-level card must have one, so that is checked here too. Without the shared
/// schema folder (a clone with nothing beside it; never in CI) only these checks are made (<see cref="SharedSchemas.Present"/>).
/// </remarks>
public static class AdaptiveCardSchema
{
    public const string SchemaFileName = "adaptive-card-1.5.schema.json";

    /// <summary>The highest card version Teams supports.</summary>
    public static readonly Version MaxVersion = new(1, 5);

    /// <summary>Problems with the card (JSON text); empty when it is a valid top-level card.</summary>
    public static IReadOnlyList<string> Validate(string cardJson)
    {
        ArgumentNullException.ThrowIfNull(cardJson);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(cardJson);
        }
        catch (JsonException ex)
        {
            return [$"#: not valid JSON: {ex.Message}"];
        }

        return node is null ? ["#: the card is null"] : Validate(node);
    }

    /// <summary>Problems with the card; empty when it is a valid top-level card. The node is not changed.</summary>
    public static IReadOnlyList<string> Validate(JsonNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card is not JsonObject root)
        {
            return ["#: a card must be a JSON object"];
        }

        var errors = new List<string>();
        var type = root["type"];
        if (type?.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "AdaptiveCard")
        {
            errors.Add($"#/type: must be \"AdaptiveCard\" (was {type?.ToJsonString() ?? "missing"})");
        }

        var version = root["version"];
        if (version?.GetValueKind() != JsonValueKind.String)
        {
            errors.Add($"#/version: a top-level card needs a version string such as \"{MaxVersion}\" (was {version?.ToJsonString() ?? "missing"})");
        }
        else if (!Version.TryParse(version.GetValue<string>(), out var parsed))
        {
            errors.Add($"#/version: \"{version.GetValue<string>()}\" is not a version number");
        }
        else if (parsed > MaxVersion)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"#/version: {parsed} is newer than {MaxVersion}, the highest version Teams renders"));
        }

        var copy = (JsonObject)root.DeepClone();
        if (copy["msteams"] is { } msteams)
        {
            if (msteams is not JsonObject)
            {
                errors.Add("#/msteams: must be an object");
            }

            copy.Remove("msteams");
        }

        if (SharedSchemas.Present())
        {
            var schema = JsonSchemaFiles.Load(SchemaFileName, cacheKey: "as-is");
            errors.AddRange(JsonSchemaFiles.Validate(schema, JsonSchemaFiles.ToToken(copy.ToJsonString())));
        }

        return errors;
    }

    /// <summary>Fails the test, listing every problem, unless the card is valid.</summary>
    public static void AssertValid(JsonNode card)
    {
        var errors = Validate(card);
        Assert.True(errors.Count == 0, "The Adaptive Card is not valid:\n" + string.Join("\n", errors) + "\n" + card.ToJsonString());
    }

    /// <summary>Fails the test, listing every problem, unless the card is valid.</summary>
    public static void AssertValid(string cardJson)
    {
        var errors = Validate(cardJson);
        Assert.True(errors.Count == 0, "The Adaptive Card is not valid:\n" + string.Join("\n", errors) + "\n" + cardJson);
    }
}
