using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>Sending cards, and reading what a card's button sent back.</summary>
public static class CardMessages
{
    /// <summary>
    /// How a card's data is read into a record (<see cref="StaffSubmit"/>, <see cref="Dsl.DslSubmit"/>): keys exactly as
    /// the builders write them; a text field takes whatever the client sent as text (numbers and booleans as written),
    /// so a client that sends <c>1</c> for <c>"1"</c> is still understood.
    /// </summary>
    private static readonly JsonSerializerOptions SubmitJson = new(JsonSerializerDefaults.General)
    {
        Converters = { new AnyAsTextConverter() },
    };

    public static async Task SendCardAsync(this ITurnContext turnContext, JsonObject card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var message = Activity.CreateMessageActivity();
        message.Attachments!.Add(Attachment.AdaptiveCard(card));
        await turnContext.SendActivityAsync(message, cancellationToken);
    }

    /// <summary>
    /// The one check of "a card's button was pressed", returning what the button sent: an Action.Submit is a message
    /// whose value is a JSON object and which has no typed text; an Action.Execute is an <c>adaptiveCard/action</c>
    /// invoke, whose action's data is the object. Null for anything else (a typed message, say).
    /// </summary>
    public static JsonElement? Submission(Activity activity)
    {
        if (activity is null)
        {
            return null;
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            return activity.Name == ActivityHandler.AdaptiveCardActionInvokeName ? Submission(activity.GetValue<AdaptiveCardInvokeValue>()) : null;
        }

        return activity.Value is JsonElement { ValueKind: JsonValueKind.Object } value && string.IsNullOrWhiteSpace(activity.Text) ? value : null;
    }

    /// <summary>The data of an Action.Execute (see <see cref="Submission(Activity)"/>), or null when it carries no object.</summary>
    public static JsonElement? Submission(AdaptiveCardInvokeValue? invoke) =>
        invoke?.Action?.Data is { ValueKind: JsonValueKind.Object } data ? data : null;

    /// <summary>A button's data as the record <typeparamref name="T"/> (read once, with System.Text.Json).</summary>
    public static T Deserialize<T>(JsonElement data)
        where T : class, new() =>
        data.ValueKind == JsonValueKind.Object ? data.Deserialize<T>(SubmitJson) ?? new T() : new T();

    /// <summary>
    /// Every field of a button's data as text (numbers and booleans as written), JSON nulls left out: for inputs whose
    /// ids the content pack chooses, which no record can name.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Values(JsonElement data)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (data.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in data.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    values[property.Name] = Text(property.Value);
                }
            }
        }

        return values;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>Reads any JSON value into a string field: a string as it is, anything else as its JSON text.</summary>
    private sealed class AnyAsTextConverter : JsonConverter<string>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            using var document = JsonDocument.ParseValue(ref reader);
            return Text(document.RootElement);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
