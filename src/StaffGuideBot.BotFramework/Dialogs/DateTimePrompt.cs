using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// Asks for a date and/or time; ends with a <see cref="DateTimeResolution"/>. Typed answers go through
/// <see cref="DateTimeRecognizer"/>. A card's Input.Date submits "yyyy-MM-dd" and Input.Time "HH:mm"; a card that
/// asks for both can name the time input <c>{InputId}Time</c> (e.g. "answer" and "answerTime") and the two are combined.
/// Whether an answer may be in the future, or must have a time, is for a validator to decide.
/// </summary>
public class DateTimePrompt : Prompt<DateTimeResolution>
{
    /// <summary>The suffix of the optional time input that goes with a card's date input.</summary>
    public const string TimeInputSuffix = "Time";

    private static readonly string[] DateFormats = ["yyyy-MM-dd"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss"];
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];

    private readonly DateTimeRecognizer _recognizer;

    public DateTimePrompt(string dialogId, PromptValidator<DateTimeResolution>? validator = null, DateTimeRecognizer? recognizer = null)
        : base(dialogId, validator)
    {
        _recognizer = recognizer ?? new DateTimeRecognizer();
    }

    protected override Task<PromptRecognizerResult<DateTimeResolution>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var input = PromptInput.FromActivity(turnContext.Activity, options.InputId);
        var text = input.GetString();
        if (text is null)
        {
            return NotRecognized();
        }

        var resolution = input.IsFromCard ? ParseCardValue(text.Trim()) : null;
        resolution ??= _recognizer.Recognize(text);
        if (resolution is null)
        {
            return NotRecognized();
        }

        if (input.IsFromCard && resolution.Time is null && input.GetCardString(options.InputId + TimeInputSuffix) is { Length: > 0 } timeText)
        {
            if (!TryParseTime(timeText.Trim(), out var time))
            {
                return NotRecognized();
            }

            resolution = resolution with { Time = time };
        }

        return Recognized(resolution);
    }

    private static DateTimeResolution? ParseCardValue(string value)
    {
        if (DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeResolution { Date = date };
        }

        if (TryParseTime(value, out var time))
        {
            return new DateTimeResolution { Time = time };
        }

        if (DateTime.TryParseExact(value, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dateTime))
        {
            return new DateTimeResolution { Date = DateOnly.FromDateTime(dateTime), Time = TimeOnly.FromDateTime(dateTime) };
        }

        return null;
    }

    private static bool TryParseTime(string value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
