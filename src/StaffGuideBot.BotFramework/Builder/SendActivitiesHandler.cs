using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>Sees a batch of outgoing activities; <paramref name="next"/> delivers it (or the next handler sees it).</summary>
public delegate Task<ResourceResponse[]> SendActivitiesHandler(ITurnContext turnContext, IReadOnlyList<Activity> activities, Func<Task<ResourceResponse[]>> next);
