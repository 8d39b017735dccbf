using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// Each pack loads to exactly the pack it loaded to when the golden file was written (Content/Golden/&lt;pack&gt;.json,
/// made by the hand-written binders before the loader was rebuilt on the JSON Schemas): every id, text, type,
/// default and condition. Set STAFFGUIDEBOT_UPDATE_GOLDEN=1 to write the files again after a deliberate change to a pack.
/// </summary>
public sealed class PackEquivalenceTests
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new ConditionWriter() },
    };

    [Theory]
    [InlineData("dialogs/england", "england")]
    [InlineData("dialogs/scotland", "scotland")]
    [InlineData("tests/StaffGuideBot.Tests/Content/Packs/minimal", "minimal")]
    public void A_pack_loads_to_the_same_content_as_the_golden_file(string folder, string golden)
    {
        var pack = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, folder));
        var actual = Describe(pack);
        var path = Path.Combine(SharedSchemas.RepositoryRoot, "tests", "StaffGuideBot.Tests", "Content", "Golden", golden + ".json");
        if (Environment.GetEnvironmentVariable("STAFFGUIDEBOT_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual.ToJsonString(Options) + "\n");
        }

        var expected = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{folder} no longer loads to {path}:\n{actual.ToJsonString(Options)}");
    }

    /// <summary>The pack as JSON: everything but its version (the hash of its files, tested elsewhere).</summary>
    private static JsonObject Describe(ContentPack pack)
    {
        var node = JsonSerializer.SerializeToNode(pack, Options)!.AsObject();
        node.Remove(nameof(ContentPack.Version));
        return node;
    }

    /// <summary>Writes a condition with its kind, so the polymorphic tree is compared whole.</summary>
    private sealed class ConditionWriter : JsonConverter<Condition>
    {
        public override Condition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, Condition value, JsonSerializerOptions options)
        {
            var node = JsonSerializer.SerializeToNode(value, value.GetType(), options)!.AsObject();
            node.Insert(0, "kind", value.GetType().Name);
            node.WriteTo(writer, options);
        }
    }
}
