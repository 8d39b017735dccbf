using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// Turns what a member of staff gave for a question (a card input's value, or a typed answer) into the stored answer
/// (see <see cref="Reports.ReportDraft"/>). Returns null when it cannot be understood.
/// </summary>
public sealed partial class AnswerReader(ContentPack pack, DateTimeRecognizer dates)
{
    private static readonly string[] PartSeparators = [",", ";", "\n", " and ", " & "];

    /// <summary>A card input's value (the Adaptive Card wire format: strings, multi-select comma-joined).</summary>
    public JsonNode? FromCard(Question question, string value)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(value);
        var options = QuestionOptions.For(pack, question);
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
                if (question.AllowUnsure && TypedWords.Of(pack).Unsure.StartsWithAny(text))
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
                return DateAnswer(dates.Recognize(text)?.Date);
            case QuestionType.Time:
                return TimeAnswer(dates.Recognize(text)?.Time);
            default:
                return null;
        }
    }

    /// <summary>
    /// A typed answer to <paramref name="asked"/>, a field of <paramref name="form"/> asked on its own; when the words
    /// also give a time for a date (or a date for a time), that goes to the form's one time (date) field, so
    /// "yesterday at 3pm" keeps the time. Empty when the words do not answer <paramref name="asked"/>.
    /// </summary>
    public IReadOnlyList<(Question Question, JsonNode Value)> FromTypedField(Question asked, IReadOnlyList<Question> form, string text)
    {
        ArgumentNullException.ThrowIfNull(asked);
        ArgumentNullException.ThrowIfNull(form);
        if (FromText(asked, text) is not { } value)
        {
            return [];
        }

        var answers = new List<(Question, JsonNode)> { (asked, value) };
        if (asked.Type is QuestionType.Date or QuestionType.Time && dates.Recognize(text) is { } when)
        {
            var (otherType, other) = asked.Type == QuestionType.Date ? (QuestionType.Time, TimeAnswer(when.Time)) : (QuestionType.Date, DateAnswer(when.Date));
            if (other is not null && form.Where(q => q.Type == otherType).ToList() is [var companion])
            {
                answers.Add((companion, other));
            }
        }

        return answers;
    }

    /// <summary>
    /// What a typed reply to a whole form clearly answers; nothing is guessed. The reply is read in parts (split at
    /// commas, semicolons and "and"). A part that is exactly one choice of one question (its title, a synonym or its
    /// value: "Year 9", "year nine", "y9") answers that question; an age ("aged 14", "14 years old") answers the form's
    /// one number question about age; a date and/or time answers the form's one date and one time question. A part
    /// that fits more than one question answers none, and text questions are never filled this way.
    /// </summary>
    public IReadOnlyList<(Question Question, JsonNode Value)> Recognize(IReadOnlyList<Question> form, string text)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(text);
        var found = new Dictionary<Question, List<string>>();
        var single = new Dictionary<Question, JsonNode?>();
        foreach (var part in text.Split(PartSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var normalized = TextNormalizer.Normalize(part);
            var choices = form.Where(q => q.Type is QuestionType.Choice or QuestionType.MultiChoice or QuestionType.YesNo)
                .SelectMany(q => QuestionOptions.For(pack, q).Where(o => Matches(o, normalized)).Select(o => (Question: q, o.Value)))
                .ToList();
            if (choices.Count > 1)
            {
                continue;
            }

            if (choices is [var choice])
            {
                found.TryAdd(choice.Question, []);
                found[choice.Question].Add(choice.Value);
                continue;
            }

            if (AgePattern().Match(normalized) is { Success: true } age)
            {
                if (form.Where(q => q.Type == QuestionType.Number && AgeWord().IsMatch(pack.Fill(q.Label))).ToList() is [var ageQuestion])
                {
                    Put(single, ageQuestion, Number(ageQuestion, decimal.Parse(age.Groups["n"].Value, CultureInfo.InvariantCulture)));
                }

                continue;
            }

            if (dates.Recognize(part) is { } when)
            {
                if (DateAnswer(when.Date) is { } date && form.Where(q => q.Type == QuestionType.Date).ToList() is [var dateQuestion])
                {
                    Put(single, dateQuestion, date);
                }

                if (TimeAnswer(when.Time) is { } time && form.Where(q => q.Type == QuestionType.Time).ToList() is [var timeQuestion])
                {
                    Put(single, timeQuestion, time);
                }
            }
        }

        var answers = new List<(Question, JsonNode)>();
        foreach (var question in form)
        {
            if (found.TryGetValue(question, out var values))
            {
                var distinct = values.Distinct().ToList();
                if (question.Type == QuestionType.MultiChoice)
                {
                    answers.Add((question, new JsonArray([.. distinct.Select(v => (JsonNode)JsonValue.Create(v))])));
                }
                else if (distinct is [var one])
                {
                    answers.Add((question, JsonValue.Create(one)));
                }
            }
            else if (single.TryGetValue(question, out var value) && value is not null)
            {
                answers.Add((question, value));
            }
        }

        return answers;
    }

    /// <summary>Two parts giving one question different answers leave it unanswered (null).</summary>
    private static void Put(Dictionary<Question, JsonNode?> answers, Question question, JsonNode? value)
    {
        if (value is null)
        {
            return;
        }

        answers[question] = answers.TryGetValue(question, out var earlier) && !JsonNode.DeepEquals(earlier, value) ? null : value;
    }

    private static bool Matches(ChoiceOption option, string normalized) =>
        TextNormalizer.Normalize(option.Title) == normalized
        || TextNormalizer.Normalize(option.Value) == normalized
        || option.Synonyms.Any(s => TextNormalizer.Normalize(s) == normalized);

    private static JsonValue? DateAnswer(DateOnly? date) => date is { } d ? JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null;

    private static JsonValue? TimeAnswer(TimeOnly? time) => time is { } t ? JsonValue.Create(t.ToString("HH:mm", CultureInfo.InvariantCulture)) : null;

    /// <summary>"aged 14", "age 14", "age: 14", "14 years old", "14 yrs", "14-year-old", "14 yo".</summary>
    [GeneratedRegex(@"\bage[d]?\s*:?\s*(?<n>\d{1,2})\b|\b(?<n>\d{1,2})\s*-?\s*(?:years?|yrs?)(?:\s*-?\s*old)?\b|\b(?<n>\d{1,2})\s*yo\b", RegexOptions.CultureInvariant)]
    private static partial Regex AgePattern();

    [GeneratedRegex(@"\bage\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AgeWord();

    private string? RecognizeChoice(Question question, string text)
    {
        var choices = QuestionOptions.For(pack, question).Select(o => new Choice(o.Value, o.Title, o.Synonyms)).ToList();
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
