using System.Text.Json.Nodes;

namespace StaffGuideBot.Tests.Support;

public class TeamsManifestSchemaTests
{
    // The shape of a minimal bot app, with literal GUIDs.
    private static JsonObject MinimalManifest(string version = "1.26") => new()
    {
        ["$schema"] = $"https://developer.microsoft.com/json-schemas/teams/v{version}/MicrosoftTeams.schema.json",
        ["manifestVersion"] = version,
        ["version"] = "1.0.0",
        ["id"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        ["developer"] = new JsonObject
        {
            ["name"] = "Example Academy Trust",
            ["websiteUrl"] = "https://www.example.org",
            ["privacyUrl"] = "https://www.example.org/privacy",
            ["termsOfUseUrl"] = "https://www.example.org/terms",
        },
        ["name"] = new JsonObject { ["short"] = "Test", ["full"] = "Test app" },
        ["description"] = new JsonObject { ["short"] = "Short", ["full"] = "Full" },
        ["icons"] = new JsonObject { ["color"] = "color.png", ["outline"] = "outline.png" },
        ["accentColor"] = "#FFFFFF",
        ["bots"] = new JsonArray(new JsonObject
        {
            ["botId"] = "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
            ["scopes"] = new JsonArray("personal"),
        }),
    };

    [SkippableTheory]
    [InlineData("1.26")]
    [InlineData("1.29")]
    [InlineData("1.19")]
    public void A_minimal_bot_manifest_is_valid(string version)
    {
        SharedSchemas.SkipUnlessPresent();

        Assert.Empty(TeamsManifestSchema.Validate(MinimalManifest(version), version));
    }

    [SkippableFact]
    public void A_placeholder_app_id_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var manifest = MinimalManifest();
        manifest["id"] = "{{MicrosoftAppId}}";

        Assert.Contains(TeamsManifestSchema.Validate(manifest), e => e.Contains("#/id", StringComparison.Ordinal) && e.Contains("PatternMismatch", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_manifestVersion_that_does_not_match_the_schema_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        Assert.Contains(TeamsManifestSchema.Validate(MinimalManifest("1.19"), "1.26"), e => e.StartsWith("#/manifestVersion", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void An_unknown_top_level_property_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var manifest = MinimalManifest();
        manifest["supportsPrivateChannels"] = true;

        Assert.Contains(TeamsManifestSchema.Validate(manifest), e => e.Contains("NoAdditionalPropertiesAllowed", StringComparison.Ordinal) && e.Contains("supportsPrivateChannels", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_missing_required_property_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var manifest = MinimalManifest();
        manifest.Remove("developer");

        Assert.Contains(TeamsManifestSchema.Validate(manifest), e => e.Contains("PropertyRequired", StringComparison.Ordinal) && e.Contains("'developer'", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_bad_enum_value_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var manifest = MinimalManifest();
        manifest["supportsChannelFeatures"] = "tier2";

        Assert.Contains(TeamsManifestSchema.Validate(manifest), e => e.Contains("supportsChannelFeatures", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_too_long_short_description_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var manifest = MinimalManifest();
        manifest["description"]!["short"] = new string('x', 81);

        Assert.Contains(TeamsManifestSchema.Validate(manifest), e => e.Contains("StringTooLong", StringComparison.Ordinal));
    }
}
