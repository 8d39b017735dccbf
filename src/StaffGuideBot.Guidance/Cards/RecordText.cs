using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>
/// The whole record of one report as plain text, for a DSL to paste into the school's safeguarding system (CPOMS,
/// MyConcern or a paper file): a heading (reference, reporter, when, content version), then the parts in the order those
/// systems ask for them: the concern (flags with why, notes on answers, routes that apply, the concern's answers), the
/// people involved, the actions (staff's answers about them, then the case's history with every note), and the outcome
/// (the current decision and every earlier one with who, when and why; parents or carers; status; the school-system
/// stamp). Which steps' answers are about people and actions is the pack's (decisions.yaml <c>record</c>). Every label is
/// pack text; times are written out in full in UK time; nothing is Markdown. Only this report's own answers and case.
/// </summary>
public static class RecordText
{
    /// <summary>The record, as one text with a line per entry.</summary>
    public static string Create(ContentPack pack, Report report, ReportCase reportCase)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reportCase);
        var values = Answers.FromJson(report.Answers);
        bool Holds(Condition condition) => ConditionEvaluator.Evaluate(condition, values, pack);
        var steps = ReportSections.Shown(pack, Holds).ToList();
        var text = new StringBuilder();

        text.AppendLine(pack.Text(TextKeys.RecordTitle, new Dictionary<string, string> { ["reference"] = report.Reference }));
        Labelled(text, pack.Text(TextKeys.DslReporter), string.IsNullOrWhiteSpace(report.Reporter.Name) ? pack.Text(TextKeys.DslUnknownName) : report.Reporter.Name);
        Labelled(text, pack.Text(TextKeys.DslSent), UkTime.Full(pack, report.SubmittedAt));
        Labelled(text, pack.Text(TextKeys.DslVersion), $"{report.ContentPack} {report.ContentVersion}");

        Part(text, pack.Text(TextKeys.RecordConcern));
        Flags(text, pack, report, values, reportCase.Urgent);
        foreach (var check in IndicatorEvaluator.Conflicts(pack, values))
        {
            text.AppendLine(pack.Fill(check.Note));
        }

        if (IndicatorEvaluator.Routes(pack, values) is { Count: > 0 } routes)
        {
            text.AppendLine().AppendLine(pack.Text(TextKeys.DslRoutes));
            foreach (var route in routes)
            {
                text.Append("- ").Append(pack.Fill(route.Title)).Append(": ")
                    .AppendLine(pack.Text(TextKeys.DslRoutesBecause, new Dictionary<string, string> { ["item"] = pack.Fill(route.Because) }));
            }
        }

        var people = pack.Record.People.ToHashSet(StringComparer.Ordinal);
        var actions = pack.Record.Actions.ToHashSet(StringComparer.Ordinal);
        StepAnswers(text, pack, steps.Where(s => !people.Contains(s.Id) && !actions.Contains(s.Id)), report.Answers, Holds);

        Part(text, pack.Text(TextKeys.RecordPeople));
        StepAnswers(text, pack, steps.Where(s => people.Contains(s.Id)), report.Answers, Holds);

        Part(text, pack.Text(TextKeys.RecordActions));
        StepAnswers(text, pack, steps.Where(s => actions.Contains(s.Id)), report.Answers, Holds);
        text.AppendLine().AppendLine(pack.Text(TextKeys.DslHistory));
        foreach (var caseEvent in reportCase.History.OrderBy(e => e.At))
        {
            text.Append("- ").AppendLine(SummaryCard.HistoryLine(pack, caseEvent, UkTime.Full(pack, caseEvent.At)));
            if (!string.IsNullOrWhiteSpace(caseEvent.Detail))
            {
                text.Append("  ").AppendLine(OneLine(caseEvent.Detail));
            }
        }

        Part(text, pack.Text(TextKeys.RecordOutcome));
        Outcome(text, pack, reportCase);
        return text.ToString();
    }

    private static void Flags(StringBuilder text, ContentPack pack, Report report, Answers values, bool urgent)
    {
        var (fivePoints, aggravating, unknown) = SummaryCard.Flags(pack, report, values);
        if (fivePoints.Count + unknown.Count > 0 || urgent)
        {
            text.AppendLine(pack.Text(TextKeys.DslFivePoints));
            foreach (var flag in fivePoints)
            {
                text.Append("- ").AppendLine(Flag(pack, flag));
            }

            foreach (var id in unknown)
            {
                text.Append("- ").AppendLine(id);
            }

            if (fivePoints.Count + unknown.Count == 0)
            {
                text.Append("- ").AppendLine(pack.Text(TextKeys.DslUrgentNoPoints));
            }
        }

        if (aggravating.Count > 0)
        {
            text.AppendLine(pack.Text(TextKeys.DslAggravating));
            foreach (var flag in aggravating)
            {
                text.Append("- ").AppendLine(Flag(pack, flag));
            }
        }

        if (fivePoints.Count + unknown.Count + aggravating.Count == 0 && !urgent)
        {
            text.AppendLine(pack.Text(TextKeys.DslNoFlags));
        }
    }

    private static string Flag(ContentPack pack, Flag flag)
    {
        var title = pack.Fill(flag.Indicator.Title);
        return pack.Text(TextKeys.RecordFlagged, new Dictionary<string, string>
        {
            ["item"] = flag.Possible ? pack.Text(TextKeys.DslPossible, new Dictionary<string, string> { ["item"] = title }) : title,
            ["because"] = pack.Fill(flag.Because),
        });
    }

    /// <summary>Each step's title, then "question: answer" per answered question shown; a repeat step's items each under their heading. A step with no answer is left out.</summary>
    private static void StepAnswers(StringBuilder text, ContentPack pack, IEnumerable<Step> steps, JsonObject raw, Func<Condition, bool> holds)
    {
        foreach (var step in steps)
        {
            var answers = new StringBuilder();
            if (step.Type == StepType.Repeat)
            {
                var items = raw[step.Id] as JsonArray ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    var item = new StringBuilder();
                    QuestionAnswers(item, pack, step.Fields, items[i] as JsonObject ?? [], "  ");
                    if (item.Length > 0)
                    {
                        answers.AppendLine(ReportSections.ItemHeading(pack, step, i)).Append(item);
                    }
                }
            }
            else
            {
                QuestionAnswers(answers, pack, ReportSections.ShownQuestions(step, holds), raw, string.Empty);
            }

            if (answers.Length > 0)
            {
                text.AppendLine();
                if (step.Title is not null)
                {
                    text.AppendLine(pack.Fill(step.Title));
                }

                text.Append(answers);
            }
        }
    }

    private static void QuestionAnswers(StringBuilder text, ContentPack pack, IEnumerable<Question> questions, JsonObject values, string indent)
    {
        foreach (var question in questions.Where(q => Answers.HasValue(values[q.Id])))
        {
            text.Append(indent).Append(StaffCards.FieldName(pack, question)).Append(": ").AppendLine(OneLine(AnswerText.Describe(pack, question, values[question.Id])));
        }
    }

    private static void Outcome(StringBuilder text, ContentPack pack, ReportCase reportCase)
    {
        text.AppendLine(SummaryCard.StatusText(pack, reportCase, reportCase.Urgent, at => UkTime.Full(pack, at)).Text);
        Entries(text, reportCase.Decisions, pack.Text(TextKeys.RecordEarlierDecisions), decision => Decision(text, pack, decision));
        Entries(text, reportCase.ParentsDecisions, pack.Text(TextKeys.RecordEarlierParents), parents => Parents(text, pack, parents));
        if (reportCase.RecordedInSchoolSystem is { } recorded)
        {
            text.AppendLine().AppendLine(SummaryCard.RecordedText(pack, recorded, UkTime.Full(pack, recorded.At)));
        }
    }

    /// <summary>The current entry (the last), then under <paramref name="earlierTitle"/> every earlier one, oldest first; nothing when there is none.</summary>
    private static void Entries<T>(StringBuilder text, IReadOnlyList<T> entries, string earlierTitle, Action<T> write)
    {
        if (entries.Count == 0)
        {
            return;
        }

        text.AppendLine();
        write(entries[^1]);
        if (entries.Count > 1)
        {
            text.AppendLine().AppendLine(earlierTitle);
            foreach (var earlier in entries.Take(entries.Count - 1))
            {
                write(earlier);
            }
        }
    }

    private static void Decision(StringBuilder text, ContentPack pack, Decision decision)
    {
        Labelled(text, pack.Text(TextKeys.DslDecision), SummaryCard.Outcomes(decision));
        foreach (var outcome in decision.Outcomes.Where(o => o.DetailLabel is not null && o.Detail is not null))
        {
            Labelled(text, outcome.DetailLabel!, outcome.Detail!);
        }

        Labelled(text, pack.Text(TextKeys.DslDecisionReasons), decision.Reasons);
        foreach (var classification in decision.Classifications)
        {
            Labelled(text, classification.Title, classification.Detail ?? string.Empty);
        }

        Labelled(text, pack.Text(TextKeys.DslDecisionReference), decision.ExternalReference);
        Labelled(text, pack.Text(TextKeys.DslDecisionNote), decision.Note);
        text.AppendLine(By(pack, decision.By, decision.At));
    }

    private static void Parents(StringBuilder text, ContentPack pack, ParentsDecision parents)
    {
        Labelled(text, pack.Text(TextKeys.DslParents), parents.Choice.Title);
        Labelled(text, pack.Text(TextKeys.DslParentsReasons), parents.Reasons);
        text.AppendLine(By(pack, parents.By, parents.At));
    }

    private static string By(ContentPack pack, Person? by, DateTimeOffset at) =>
        pack.Text(TextKeys.DslDecisionBy, new Dictionary<string, string>
        {
            ["name"] = string.IsNullOrWhiteSpace(by?.Name) ? pack.Text(TextKeys.DslUnknownName) : by.Name,
            ["time"] = UkTime.Full(pack, at),
        });

    private static void Part(StringBuilder text, string title) => text.AppendLine().AppendLine(title);

    /// <summary>"Label: value" on one line (a value's own line breaks kept as " / "); nothing when the value is empty.</summary>
    private static void Labelled(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.Append(label).Append(": ").AppendLine(OneLine(value));
        }
    }

    private static string OneLine(string value) =>
        string.Join(" / ", value.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>
    /// The record cut into messages of at most <paramref name="most"/> characters, at line ends (a longer line is cut
    /// into pieces); each message after the first starts with the title and its part number.
    /// </summary>
    public static IReadOnlyList<string> Split(ContentPack pack, string record, string reference, int most)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(record);
        var messages = new List<string>();
        var current = new StringBuilder();
        var piece = most - Heading(pack, reference, 99).Length - 2;
        foreach (var line in record.TrimEnd().Split('\n'))
        {
            foreach (var part in line.Length == 0 ? [line] : line.Chunk(piece).Select(c => new string(c)))
            {
                if (current.Length + part.Length + 1 > most)
                {
                    messages.Add(current.ToString().TrimEnd());
                    current.Clear().Append(Heading(pack, reference, messages.Count + 1)).Append('\n');
                }

                current.Append(part).Append('\n');
            }
        }

        messages.Add(current.ToString().TrimEnd());
        return messages;
    }

    private static string Heading(ContentPack pack, string reference, int part) =>
        pack.Text(TextKeys.RecordTitle, new Dictionary<string, string> { ["reference"] = reference }) + " "
        + pack.Text(TextKeys.RecordPart, new Dictionary<string, string> { ["number"] = part.ToString(CultureInfo.InvariantCulture) });
}
