using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>An answer in words, for the review card, the DSL's card and the lists of a repeat step.</summary>
public static class AnswerText
{
    /// <summary>The answer in words, for the review card and the DSL summary.</summary>
    public static string Describe(ContentPack pack, Question question, JsonNode? answer)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(question);
        if (answer is null)
        {
            return "—";
        }

        var options = QuestionOptions.For(pack, question);
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
}
