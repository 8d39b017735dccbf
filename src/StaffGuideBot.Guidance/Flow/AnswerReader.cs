using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// Turns what a member of staff gave for a question (a card input's value, or a typed answer) into the stored answer
/// (see <see cref="Reports.ReportDraft"/>). Returns null when it cannot be understood.
/// </summary>
public sealed class AnswerReader(ContentPack pack, DateTimeRecognizer dates)
{
    private static readonly string[] UnsureWords = ["unsure", "not sure", "don't know", "dont know", "do not know", "no idea", "maybe", "not known", "unknown"];

    /// <summary>A card input's value (the Adaptive Card wire format: strings, multi-select comma-joined).</summary>
    public JsonNode? FromCard(Question question, string value)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(value);
        var options = StaffCards.Options(pack, question);
        switch (question.Type)
        {
            case QuestionType.Text:
            case QuestionType.LongText:
                return TextAnswer(question, value);
            case QuestionType.Choice:
            case QuestionType.YesNo:
                return options.Any(o => o.Value == value) ? JsonValue.Create(value) : null;
            case QuestionType.MultiChoice:
                var values = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return values.Length > 0 && values.All(v => options.Any(o => o.Value == v)) ? new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) : null;
            case QuestionType.Number:
                return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? Number(question, number) : null;
            case QuestionType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? JsonValue.Create(value) : FromText(question, value);
            case QuestionType.Time:
                return TimeOnly.TryParseExact(value, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                    ? JsonValue.Create(time.ToString("HH:mm", CultureInfo.InvariantCulture))
                    : FromText(question, value);
            case QuestionType.Toggle:
                return bool.TryParse(value, out var on) ? JsonValue.Create(on) : null;
            default:
                return null;
        }
    }

    /// <summary>A typed answer: "yes", "nope", "fourteen", "the second one", "yesterday at 3pm", or the words themselves for text.</summary>
    public JsonNode? FromText(Question question, string text)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(text);
        switch (question.Type)
        {
            case QuestionType.Text:
            case QuestionType.LongText:
                return TextAnswer(question, text);
            case QuestionType.YesNo:
                var normalized = CardMessages.NormalizeTyped(text);
                if (question.AllowUnsure && UnsureWords.Any(w => normalized == w || normalized.StartsWith(w + " ", StringComparison.Ordinal)))
                {
                    return JsonValue.Create("unsure");
                }

                return ConfirmRecognizer.Recognize(text) switch
                {
                    true => JsonValue.Create("yes"),
                    false => JsonValue.Create("no"),
                    null => null,
                };
            case QuestionType.Toggle:
                return ConfirmRecognizer.Recognize(text) is { } yes ? JsonValue.Create(yes) : null;
            case QuestionType.Choice:
                return RecognizeChoice(question, text) is { } choice ? JsonValue.Create(choice) : null;
            case QuestionType.MultiChoice:
                var parts = text.Split([",", ";", " and ", "&"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var found = parts.Select(p => RecognizeChoice(question, p)).ToList();
                if (found.Count == 0 || found.Any(f => f is null))
                {
                    return RecognizeChoice(question, text) is { } single ? new JsonArray(JsonValue.Create(single)) : null;
                }

                return new JsonArray([.. found.Distinct().Select(f => (JsonNode)JsonValue.Create(f!))]);
            case QuestionType.Number:
                return NumberRecognizer.Recognize(text) is { } number ? Number(question, number) : null;
            case QuestionType.Date:
                return dates.Recognize(text)?.Date is { } date ? JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;
            case QuestionType.Time:
                return dates.Recognize(text)?.Time is { } time ? JsonValue.Create(time.ToString("HH:mm", CultureInfo.InvariantCulture)) : null;
            default:
                return null;
        }
    }

    /// <summary>The answer in words, for the review card and the DSL summary.</summary>
    public string Describe(Question question, JsonNode? answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (answer is null)
        {
            return "—";
        }

        var options = StaffCards.Options(pack, question);
        string Title(string value) => options.FirstOrDefault(o => o.Value == value)?.Title ?? value;
        return answer switch
        {
            JsonArray list => string.Join(", ", list.Select(v => Title(v?.ToString() ?? string.Empty))),
            JsonValue value when question.Type is QuestionType.Choice or QuestionType.YesNo => Title(value.ToString()),
            JsonValue value when question.Type == QuestionType.Toggle => value.GetValue<bool>() ? pack.Text(TextKeys.AnswerYes) : pack.Text(TextKeys.AnswerNo),
            JsonValue value when question.Type == QuestionType.Date && DateOnly.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var date) =>
                date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
            _ => answer.ToString(),
        };
    }

    private string? RecognizeChoice(Question question, string text)
    {
        var choices = StaffCards.Options(pack, question).Select(o => new Choice(o.Value, o.Title, o.Synonyms)).ToList();
        return ChoiceRecognizer.Recognize(text, choices)?.Value;
    }

    private static JsonValue? TextAnswer(Question question, string text)
    {
        // Verbatim answers keep every character as typed; others lose only surrounding whitespace.
        var answer = question.Verbatim ? text : text.Trim();
        if (string.IsNullOrWhiteSpace(answer) || (question.MaxLength is { } max && answer.Length > max))
        {
            return null;
        }

        return JsonValue.Create(answer);
    }

    private static JsonValue? Number(Question question, decimal number) =>
        (question.Min is { } min && number < min) || (question.Max is { } max && number > max) ? null : JsonValue.Create(number);
}
