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

public class TenantInfo
{
    public string? Id { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public class TeamInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public class ChannelInfo
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

/// <summary>The Teams conversationUpdate event types (<c>channelData.eventType</c>).</summary>
public static class TeamsEventTypes
{
    public const string ChannelCreated = "channelCreated";
    public const string ChannelDeleted = "channelDeleted";
    public const string ChannelRenamed = "channelRenamed";
    public const string ChannelRestored = "channelRestored";
    public const string TeamRenamed = "teamRenamed";
    public const string TeamDeleted = "teamDeleted";
    public const string TeamArchived = "teamArchived";
    public const string TeamUnarchived = "teamUnarchived";
    public const string TeamRestored = "teamRestored";
    public const string TeamHardDeleted = "teamHardDeleted";
    public const string TeamMemberAdded = "teamMemberAdded";
    public const string TeamMemberRemoved = "teamMemberRemoved";
}
