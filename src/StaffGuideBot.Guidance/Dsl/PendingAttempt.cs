using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Dsl;

public sealed class PendingAttempt
{
    public required string Id { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
