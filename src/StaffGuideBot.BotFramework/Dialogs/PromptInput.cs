using System.Text.Json;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// The answer to a prompt as it arrived: an Adaptive Card submission (the activity's value is a JSON object and the
/// answer is its <see cref="PromptOptions.InputId"/> property) or typed text. When the submission carries the input,
/// the text is ignored.
/// </summary>
public sealed class PromptInput
{
    private PromptInput(string? text, JsonElement? cardData, JsonElement? cardValue)
    {
        Text = text;
        CardData = cardData;
        CardValue = cardValue;
    }

    /// <summary>The typed text (trimmed), when the answer was typed; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>The whole card submission (a JSON object), when the activity carried one.</summary>
    public JsonElement? CardData { get; }

    /// <summary>The submitted input (never JSON null), when the answer came from a card.</summary>
    public JsonElement? CardValue { get; }

    /// <summary>True when the answer came from a card.</summary>
    public bool IsFromCard => CardValue is not null;

    /// <summary>True when there is no answer at all (empty text and no submitted input).</summary>
    public bool IsEmpty => CardValue is null && Text is null;

    /// <summary>Reads the answer from <paramref name="activity"/>.</summary>
    public static PromptInput FromActivity(Activity activity, string? inputId = PromptOptions.DefaultInputId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var data = ToElement(activity.Value);
        JsonElement? cardData = data is { ValueKind: JsonValueKind.Object } ? data : null;
        if (cardData is { } obj && !string.IsNullOrEmpty(inputId) && TryGetProperty(obj, inputId, out var input))
        {
            return new PromptInput(null, cardData, input);
        }

        var text = string.IsNullOrWhiteSpace(activity.Text) ? null : activity.Text.Trim();
        return new PromptInput(text, cardData, null);
    }

    /// <summary>
    /// The answer as a string: the typed text, or the card input (a string as is, a number or boolean as its JSON text).
    /// Null for an empty answer or a card input that is an object or array.
    /// </summary>
    public string? GetString()
    {
        if (CardValue is not { } value)
        {
            return Text;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Another property of the card submission (e.g. a separate time input), as a string; null when absent.</summary>
    public string? GetCardString(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (CardData is not { } data || !TryGetProperty(data, name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
    }

    internal static bool IsCardSubmission(Activity activity) =>
        activity.Value is not null && ToElement(activity.Value) is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };

    private static JsonElement? ToElement(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonElement element:
                return element;
            default:
                try
                {
                    return JsonSerializer.SerializeToElement(value, value.GetType(), BotJson.Options);
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
                {
                    return null;
                }
        }
    }

    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return true;
        }

        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)
                && property.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
