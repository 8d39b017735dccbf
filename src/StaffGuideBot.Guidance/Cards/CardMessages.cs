using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>Sending cards, and reading what a card's button sent back.</summary>
public static class CardMessages
{
    public static async Task SendCardAsync(this ITurnContext turnContext, JsonObject card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var message = Activity.CreateMessageActivity();
        message.Attachments!.Add(Attachment.AdaptiveCard(card));
        await turnContext.SendActivityAsync(message, cancellationToken);
    }

    /// <summary>The data of a card button press (Action.Submit), or null for a typed message.</summary>
    public static JsonElement? Submission(Activity activity) =>
        activity?.Value is JsonElement { ValueKind: JsonValueKind.Object } value && string.IsNullOrWhiteSpace(activity.Text) ? value : null;

    /// <summary>One field of a button press as text (numbers and booleans as written), or null when absent.</summary>
    public static string? Read(JsonElement submission, string name) =>
        submission.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
