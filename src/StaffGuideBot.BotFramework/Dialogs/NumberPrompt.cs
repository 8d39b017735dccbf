using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// Asks for a number (<c>int</c>, <c>long</c>, <c>decimal</c>, <c>double</c>…). Typed answers go through
/// <see cref="NumberRecognizer"/> ("14", "aged 14", "fourteen"); a card may submit a JSON number or a string.
/// A fraction is not an answer to a whole-number prompt, and a value out of the type's range is not recognised.
/// </summary>
public class NumberPrompt<T> : Prompt<T>
    where T : struct, INumber<T>
{
    private static readonly bool IsWholeNumberType = typeof(T).GetInterfaces()
        .Any(static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IBinaryInteger<>));

    public NumberPrompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId, validator)
    {
    }

    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var input = PromptInput.FromActivity(turnContext.Activity, options.InputId);
        decimal? number = null;
        if (input.CardValue is { ValueKind: JsonValueKind.Number } json && json.TryGetDecimal(out var fromJson))
        {
            number = fromJson;
        }
        else if (input.GetString() is { } text)
        {
            number = decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var plain)
                ? plain
                : NumberRecognizer.Recognize(text);
        }

        return number is { } value && TryConvert(value, out var converted) ? Recognized(converted) : NotRecognized();
    }

    private static bool TryConvert(decimal value, out T converted)
    {
        converted = default;
        if (IsWholeNumberType && value != decimal.Truncate(value))
        {
            return false;
        }

        try
        {
            converted = T.CreateChecked(value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
