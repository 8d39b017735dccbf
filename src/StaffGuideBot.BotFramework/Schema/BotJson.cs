using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

/// <summary>The JSON conventions of the Bot Framework wire format: camelCase, nulls left out.</summary>
public static class BotJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Unknown values stay as JsonElement; nothing is parsed that the caller did not ask for.
            UnknownTypeHandling = JsonUnknownTypeHandling.JsonElement,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>
    /// Converts a loosely typed value (a <see cref="JsonElement"/> from the wire, or an object the bot set)
    /// to <typeparamref name="T"/>; null when it is absent or does not have that shape.
    /// </summary>
    public static T? ConvertOrDefault<T>(object? value) where T : class
    {
        switch (value)
        {
            case null:
                return null;
            case T typed:
                return typed;
            case JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }:
                return null;
        }

        try
        {
            var element = value is JsonElement e ? e : JsonSerializer.SerializeToElement(value, value.GetType(), Options);
            return element.Deserialize<T>(Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
