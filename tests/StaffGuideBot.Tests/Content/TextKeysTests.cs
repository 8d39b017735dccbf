using System.Reflection;
using System.Text.Json;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// TextKeys is generated from texts.schema.json (src/StaffGuideBot.Generators): a key added to the schema becomes a
/// constant with no other edit.
/// </summary>
public sealed class TextKeysTests
{
    /// <summary>The values of TextKeys' constants.</summary>
    public static IReadOnlyList<string> All { get; } = Constants().Select(c => c.Key).ToList();

    [Fact]
    public void Each_key_of_the_apps_texts_schema_is_a_constant_named_by_the_PascalCase_of_its_dotted_parts()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(PackSchema.Folder, "texts.schema.json")));
        var keys = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains(("DslOpenReportsTitle", "dsl.openReports.title"), Constants());
        Assert.Equal(keys.Select(k => (string.Concat(k.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..])), k)).Order(), Constants().Order());
    }

    private static IEnumerable<(string Name, string Key)> Constants() =>
        typeof(TextKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!));
}
