using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Dsl;

public sealed class PostedThread
{
    public required string ThreadId { get; init; }

    public required string ActivityId { get; init; }

    /// <summary>The configured channel and service URL it was created in (so a changed configuration never updates a thread elsewhere).</summary>
    public required string ChannelId { get; init; }

    public required string ServiceUrl { get; init; }

    /// <summary>The attempt that created it (also on the placeholder card).</summary>
    public required string AttemptId { get; init; }
}
