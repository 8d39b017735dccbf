using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

public class ConversationResourceResponse
{
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Id { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
