using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

public class ResourceResponse
{
    public ResourceResponse()
    {
    }

    public ResourceResponse(string? id) => Id = id;

    public string? Id { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
