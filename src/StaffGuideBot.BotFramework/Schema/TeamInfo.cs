using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

public class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
