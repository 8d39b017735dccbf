using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>How a report's answers are grouped wherever they are shown (the reporter's review, the DSL's card).</summary>
public static class ReportSections
{
    /// <summary>The steps that hold answers and were shown to the reporter, in flow order.</summary>
    public static IEnumerable<Step> Shown(ContentPack pack, Func<Condition, bool> holds)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(holds);
        return pack.Steps.Where(s =>
            s.Type is StepType.Question or StepType.Form or StepType.Repeat
            && (s.ShowIf is null || holds(s.ShowIf)));
    }

    /// <summary>The heading of one item of a repeat step, e.g. "Child 2" (<paramref name="index"/> from 0).</summary>
    /// <param name="itemName">Names the item instead of the step's itemName (a key fact's label).</param>
    public static string ItemHeading(ContentPack pack, Step step, int index, string? itemName = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(step);
        return pack.Text(TextKeys.ReviewItem, new Dictionary<string, string>
        {
            ["item"] = pack.Fill(itemName ?? step.ItemName ?? step.Title ?? step.Id),
            ["number"] = (index + 1).ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>
    /// One item of a repeat step in a line, for the list shown when the step is edited (its first four short answers,
    /// e.g. name, age, year group, role) and the DSL's key facts (<paramref name="most"/> answers); see <see cref="InSummary"/>.
    /// </summary>
    public static string ItemSummary(ContentPack pack, Step step, JsonObject item, int most = 4)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(pack);
        var parts = step.Fields
            .Where(q => item[q.Id] is not null && InSummary(q))
            .Take(most)
            .Select(q => AnswerText.Describe(pack, q, item[q.Id]))
            .ToList();
        return parts.Count == 0 ? AnswerText.Describe(pack, step.Fields[0], null) : string.Join(", ", parts);
    }

    /// <summary>Whether an item's summary line has the field's answer: short answers do; long text and optional text don't.</summary>
    public static bool InSummary(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type is not (QuestionType.Text or QuestionType.LongText) || (question.Type == QuestionType.Text && question.Required);
    }
}
