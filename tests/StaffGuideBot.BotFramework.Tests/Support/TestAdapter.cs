using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Support;

/// <summary>An in-memory adapter: runs turns from activities built in the test and records what the bot sends.</summary>
public sealed class TestAdapter : BotAdapter
{
    private int _nextId;

    public List<Activity> Sent { get; } = [];

    public List<Activity> Updated { get; } = [];

    public string ConversationId { get; set; } = "conv-1";

    public string UserId { get; set; } = "user-1";

    /// <summary>Runs one turn; returns what the bot sent during it.</summary>
    public async Task<IReadOnlyList<Activity>> ProcessAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        var before = Sent.Count;
        await RunPipelineAsync(new TurnContext(this, activity), callback, cancellationToken);
        return Sent.Skip(before).ToList();
    }

    /// <summary>Runs one turn with <see cref="IBot.OnTurnAsync"/>.</summary>
    public Task<IReadOnlyList<Activity>> ProcessAsync(Activity activity, IBot bot, CancellationToken cancellationToken = default) =>
        ProcessAsync(activity, bot.OnTurnAsync, cancellationToken);

    /// <summary>A user's message in the test conversation (text, or a card submission value).</summary>
    public Activity MakeMessage(string? text = null, object? value = null) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"in-{Interlocked.Increment(ref _nextId)}",
        Text = text,
        Value = value,
        ChannelId = Channels.Test,
        ServiceUrl = "https://test.example/",
        From = new ChannelAccount { Id = UserId, Name = "Test User" },
        Recipient = new ChannelAccount { Id = "bot", Name = "Bot" },
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = ConversationTypes.Personal },
        Timestamp = DateTimeOffset.UtcNow,
    };

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var responses = new List<ResourceResponse>();
        foreach (var activity in activities)
        {
            activity.Id ??= $"out-{Interlocked.Increment(ref _nextId)}";
            Sent.Add(activity);
            responses.Add(new ResourceResponse(activity.Id));
        }

        return Task.FromResult(responses.ToArray());
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        Updated.Add(activity);
        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task ContinueConversationAsync(System.Security.Claims.ClaimsIdentity claimsIdentity, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var turnContext = new TurnContext(this, reference.GetContinuationActivity());
        turnContext.TurnState.Set(claimsIdentity);
        return RunPipelineAsync(turnContext, callback, cancellationToken);
    }
}
