using System.Text.Json;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;

namespace StaffGuideBot.Guidance.Bots;

/// <summary>
/// The bot. For now: a welcome card for messages in personal chat, an answer to its button,
/// and a pointer to personal chat elsewhere. The staff flow and DSL triage build on this.
/// </summary>
public sealed class GuideBot(ConversationState conversationState) : ActivityHandler
{
    private readonly IStatePropertyAccessor<GreetingState> _greeting = conversationState.CreateProperty<GreetingState>("Greeting");

    public const string PersonalChatOnlyText =
        "I work in a one-to-one chat. Open a personal chat with StaffGuideBot to get guidance or make a report.";

    public const string UnknownButtonText =
        "That button belongs to an older message, so I have not acted on it. Say hello to start again.";

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Conversation?.ConversationType is { } type && type != ConversationTypes.Personal)
        {
            await turnContext.SendActivityAsync(PersonalChatOnlyText, cancellationToken);
            return;
        }

        var greeting = await _greeting.GetAsync(turnContext, () => new GreetingState(), cancellationToken);
        greeting!.Messages++;

        if (string.IsNullOrWhiteSpace(activity.Text) && activity.Value is not null)
        {
            var text = SubmittedAction(activity) == WelcomeCard.MoreAction ? WelcomeCard.MoreText : UnknownButtonText;
            await turnContext.SendActivityAsync(text, cancellationToken);
            return;
        }

        var reply = Activity.CreateMessageActivity();
        reply.Attachments!.Add(Attachment.AdaptiveCard(WelcomeCard.Create(FirstName(activity.From?.Name))));
        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    private static string? SubmittedAction(Activity activity) =>
        activity.Value is JsonElement { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.String
            ? action.GetString()
            : null;

    private static string? FirstName(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim().Split(' ', 2)[0];

    /// <summary>What the greeting remembers of a conversation.</summary>
    public sealed class GreetingState
    {
        public int Messages { get; set; }
    }
}
