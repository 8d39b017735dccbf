using StaffGuideBot.BotFramework.Builder;

namespace StaffGuideBot.BotFramework.State;

/// <summary>State of one user, across their conversations with the bot.</summary>
public class UserState(IStorage storage) : BotState(storage, nameof(UserState))
{
    protected override string? GetStorageKey(ITurnContext turnContext)
    {
        var activity = turnContext.Activity;
        return activity.ChannelId is { Length: > 0 } channel && activity.From?.Id is { Length: > 0 } user
            ? $"{channel}/users/{user}"
            : null;
    }
}
