using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

/// <summary>What Microsoft Teams puts in <c>channelData</c>.</summary>
public class TeamsChannelData
{
    public TenantInfo? Tenant { get; set; }
    public TeamInfo? Team { get; set; }
    public ChannelInfo? Channel { get; set; }
    public string? EventType { get; set; }
    public string? TeamsChannelId { get; set; }
    public string? TeamsTeamId { get; set; }
    public JsonElement? Settings { get; set; }
    public JsonElement? Source { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
