using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>One turn: the inbound activity, the means to answer it, and a per-turn bag of services and state.</summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>Per-turn values (state caches, the connector, the claims of the caller).</summary>
    TurnContextStateCollection TurnState { get; }

    /// <summary>True once the bot has sent anything in this turn.</summary>
    bool Responded { get; }

    /// <summary>A correlation id for logs of this turn (never derived from content).</summary>
    string TraceId { get; }

    Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default);

    Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a handler every outgoing batch passes (in the order added) before it is delivered. A handler calls
    /// <c>next</c> to pass the batch on, or answers without calling it to keep the batch back.
    /// </summary>
    ITurnContext OnSendActivities(SendActivitiesHandler handler);

    Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default);

    Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default);
}
