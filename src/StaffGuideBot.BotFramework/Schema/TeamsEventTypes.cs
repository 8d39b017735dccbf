namespace StaffGuideBot.BotFramework.Schema;

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
