using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>Sees a batch of outgoing activities; <paramref name="next"/> delivers it (or the next handler sees it).</summary>
public delegate Task<ResourceResponse[]> SendActivitiesHandler(ITurnContext turnContext, IReadOnlyList<Activity> activities, Func<Task<ResourceResponse[]>> next);

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

/// <summary>Per-turn values keyed by type or by name.</summary>
public sealed class TurnContextStateCollection
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public T? Get<T>(string key) where T : class => _values.TryGetValue(key, out var value) ? value as T : null;

    public T? Get<T>() where T : class => Get<T>(typeof(T).FullName!);

    public void Set<T>(string key, T value) where T : class => _values[key] = value;

    public void Set<T>(T value) where T : class => Set(typeof(T).FullName!, value);

    public bool Remove(string key) => _values.Remove(key);
}
