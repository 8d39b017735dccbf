using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

/// <summary>An entity on an activity: its <see cref="Type"/> plus whatever fields it carries.</summary>
public class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads the whole entity as <typeparamref name="T"/> (e.g. <see cref="Mention"/>).</summary>
    public T? As<T>() where T : class => BotJson.ConvertOrDefault<T>(this);
}
