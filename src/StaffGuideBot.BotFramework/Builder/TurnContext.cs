using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// The context of one turn. Outgoing activities are addressed to the inbound conversation, then pass the handlers
/// registered with <see cref="OnSendActivities"/> (e.g. <see cref="AutoSaveStateMiddleware"/> holds them until the
/// state is saved); with <c>deliveryMode: expectReplies</c> they are buffered for the HTTP response instead of sent,
/// and an <c>invokeResponse</c> activity is kept in <see cref="TurnState"/> under <see cref="BotAdapter.InvokeResponseKey"/>
/// for the HTTP response of the invoke.
/// </summary>
public sealed class TurnContext : ITurnContext
{
    private readonly BotAdapter _adapter;
    private readonly List<Activity> _bufferedReplies = [];
    private readonly List<SendActivitiesHandler> _onSendActivities = [];

    public TurnContext(BotAdapter adapter, Activity activity, string? traceId = null)
    {
        _adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        Activity = activity ?? throw new ArgumentNullException(nameof(activity));
        TraceId = traceId ?? Guid.NewGuid().ToString("N");
    }

    public Activity Activity { get; }

    public TurnContextStateCollection TurnState { get; } = new();

    public bool Responded { get; private set; }

    public string TraceId { get; }

    /// <summary>The activities buffered for an expectReplies response.</summary>
    public IReadOnlyList<Activity> BufferedReplies => _bufferedReplies;

    public Task<ResourceResponse> SendActivityAsync(string text, CancellationToken cancellationToken = default) =>
        SendActivityAsync(Activity.CreateMessageActivity(text), cancellationToken);

    public async Task<ResourceResponse> SendActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        var responses = await SendActivitiesAsync([activity], cancellationToken).ConfigureAwait(false);
        return responses[0];
    }

    public ITurnContext OnSendActivities(SendActivitiesHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _onSendActivities.Add(handler);
        return this;
    }

    public async Task<ResourceResponse[]> SendActivitiesAsync(IReadOnlyList<Activity> activities, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var reference = Activity.GetConversationReference();
        var outgoing = new List<Activity>(activities.Count);
        foreach (var activity in activities)
        {
            ApplyConversationReference(activity, reference);
            outgoing.Add(activity);
        }

        var responses = await SendThroughHandlersAsync(outgoing, 0, cancellationToken).ConfigureAwait(false);
        if (activities.Any(a => a.Type != ActivityTypes.Trace && a.Type != ActivityTypes.InvokeResponse))
        {
            Responded = true;
        }

        return responses;
    }

    private Task<ResourceResponse[]> SendThroughHandlersAsync(List<Activity> activities, int index, CancellationToken cancellationToken) =>
        index == _onSendActivities.Count
            ? DeliverAsync(activities, cancellationToken)
            : _onSendActivities[index](this, activities, () => SendThroughHandlersAsync(activities, index + 1, cancellationToken));

    /// <summary>Keeps an invoke response, buffers expectReplies replies, and hands the rest to the adapter.</summary>
    private async Task<ResourceResponse[]> DeliverAsync(List<Activity> activities, CancellationToken cancellationToken)
    {
        var toSend = new List<Activity>(activities.Count);
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var outgoing = activities[i];
            if (outgoing.Type == ActivityTypes.InvokeResponse)
            {
                if ((outgoing.Value as InvokeResponse ?? BotJson.ConvertOrDefault<InvokeResponse>(outgoing.Value)) is { } invokeResponse)
                {
                    TurnState.Set(BotAdapter.InvokeResponseKey, invokeResponse);
                }
                else
                {
                    TurnState.Remove(BotAdapter.InvokeResponseKey);
                }

                responses[i] = new ResourceResponse();
            }
            else if (Activity.DeliveryMode == DeliveryModes.ExpectReplies)
            {
                _bufferedReplies.Add(outgoing);
                responses[i] = new ResourceResponse();
            }
            else
            {
                toSend.Add(outgoing);
            }
        }

        if (toSend.Count > 0)
        {
            var sent = await _adapter.SendActivitiesAsync(this, toSend, cancellationToken).ConfigureAwait(false);
            var next = 0;
            for (var i = 0; i < responses.Length; i++)
            {
                responses[i] ??= next < sent.Length ? sent[next++] : new ResourceResponse();
            }
        }

        return responses;
    }

    public Task<ResourceResponse> UpdateActivityAsync(Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ApplyConversationReference(activity, Activity.GetConversationReference());
        return _adapter.UpdateActivityAsync(this, activity, cancellationToken);
    }

    public Task DeleteActivityAsync(string activityId, CancellationToken cancellationToken = default)
    {
        var reference = Activity.GetConversationReference();
        reference.ActivityId = activityId;
        return _adapter.DeleteActivityAsync(this, reference, cancellationToken);
    }

    /// <summary>Addresses <paramref name="activity"/> to the conversation of <paramref name="reference"/>, as a reply to its activity.</summary>
    public static void ApplyConversationReference(Activity activity, ConversationReference reference)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(reference);
        activity.ChannelId ??= reference.ChannelId;
        activity.ServiceUrl ??= reference.ServiceUrl;
        activity.Conversation ??= reference.Conversation;
        activity.From ??= reference.Bot;
        activity.Recipient ??= reference.User;
        activity.Locale ??= reference.Locale;
        activity.ReplyToId ??= reference.ActivityId;
        activity.Type ??= ActivityTypes.Message;
    }
}
