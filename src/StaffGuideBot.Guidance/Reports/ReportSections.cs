using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>How a report's answers are grouped wherever they are shown (the reporter's review, the DSL's card).</summary>
public static class ReportSections
{
    /// <summary>The steps that hold answers and were shown to the reporter (with at least one question shown), in flow order.</summary>
    public static IEnumerable<Step> Shown(ContentPack pack, Func<Condition, bool> holds)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(holds);
        return pack.Steps.Where(s =>
            s.Type is StepType.Question or StepType.Form or StepType.Repeat
            && (s.ShowIf is null || holds(s.ShowIf))
            && ShownQuestions(s, holds).Any());
    }

    /// <summary>The questions of <paramref name="step"/> whose showIf holds (or that have none), in order.</summary>
    public static IEnumerable<Question> ShownQuestions(Step step, Func<Condition, bool> holds)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(holds);
        return step.Questions.Where(q => q.ShowIf is null || holds(q.ShowIf));
    }

    /// <summary>
    /// The answers that apply: a copy of <paramref name="answers"/> without those of steps not shown and of questions
    /// whose showIf does not hold (a repeat step's field, in each item), as if never given. Taken in flow order, so a
    /// showIf sees only answers that apply. A draft keeps a hidden question's answer (it comes back if an earlier
    /// answer is changed back); the review, the rules and the report sent use only these.
    /// </summary>
    public static Answers Applicable(ContentPack pack, JsonObject answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var applicable = Answers.FromJson(answers);
        // Loops rather than LINQ: this runs for every decision the flow makes about a draft.
        foreach (var step in pack.Steps)
        {
            if (step.ShowIf is not null && !ConditionEvaluator.Evaluate(step.ShowIf, applicable, pack))
            {
                foreach (var question in step.Questions)
                {
                    applicable.Remove(question.Id);
                }

                if (step.Type == StepType.Repeat)
                {
                    applicable.Remove(step.Id);
                }

                continue;
            }

            List<string>? hidden = null;
            foreach (var question in step.Questions)
            {
                if (question.ShowIf is not null && !ConditionEvaluator.Evaluate(question.ShowIf, applicable, pack))
                {
                    (hidden ??= []).Add(question.Id);
                }
            }

            if (hidden is null)
            {
                continue;
            }

            IEnumerable<Answers> holders = step.Type == StepType.Repeat ? applicable.Items(step.Id) : [applicable];
            foreach (var holder in holders)
            {
                foreach (var id in hidden)
                {
                    holder.Remove(id);
                }
            }
        }

        return applicable;
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

    /// <summary>
    /// Whether an item's summary line has the field's answer: short answers do; long text, optional text and yes/no
    /// answers don't (a bare "Yes" on the line says nothing without its question).
    /// </summary>
    public static bool InSummary(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Type is not (QuestionType.Text or QuestionType.LongText or QuestionType.YesNo) || (question.Type == QuestionType.Text && question.Required);
    }
}
