using StaffGuideBot.BotFramework.Builder;

namespace StaffGuideBot.BotFramework.State;

/// <summary>State of one conversation (for a Teams channel, one thread), shared by everyone in it.</summary>
public class ConversationState(IStorage storage) : BotState(storage, nameof(ConversationState))
{
    protected override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { Length: > 0 } channel && activity.Conversation?.Id is { Length: > 0 } conversation
            ? $"{channel}/conversations/{conversation}"
            : null;
    }
}
