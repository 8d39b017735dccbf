using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>The review card (everything entered, the flags and why, Edit per section, Send) and the receipt after sending.</summary>
public static class ReviewCards
{
    /// <summary>The review card for <paramref name="draft"/>: the flags the DSL will see and why, each section with Edit, and Send.</summary>
    public static JsonObject Review(ContentPack pack, Step review, ReportDraft draft, IAnswerRules rules)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(rules);
        var body = new JsonArray { Heading(pack.Text(TextKeys.ReviewTitle)), Text(pack.Text(TextKeys.ReviewIntro)) };
        var applied = rules.Apply(draft.Answers);
        var answers = applied.Answers.ToJson(); // what the report will hold
        if (applied.IsAllegation)
        {
            // Before sending, so the reporter knows the DSL team won't see it.
            body.Add(new JsonObject { ["type"] = "Container", ["id"] = "allegation", ["style"] = "accent", ["items"] = new JsonArray { Text(pack.Text(TextKeys.ReviewAllegation)) } });
        }

        // As on the DSL's card: the five points (certain or possible) in the urgent block, aggravating factors apart.
        var flags = applied.Flags;
        var fivePoints = flags.Where(f => f.Kind == IndicatorKind.FivePoint).ToList();
        var aggravating = flags.Where(f => f.Kind == IndicatorKind.Aggravating).ToList();
        if (fivePoints.Count > 0)
        {
            body.Add(FlagBlock(pack, TextKeys.ReviewFlagsIntro, "attention", fivePoints));
        }

        if (aggravating.Count > 0)
        {
            body.Add(FlagBlock(pack, TextKeys.ReviewAlsoFlagged, "warning", aggravating));
        }

        if (flags.Count == 0)
        {
            body.Add(Text(pack.Text(TextKeys.ReviewNoFlags), subtle: true));
        }

        // Answers that don't agree: a plain note asking to check, with Edit to the step concerned.
        foreach (var check in applied.Conflicts.Where(c => pack.Steps.Any(s => s.Id == c.Step)))
        {
            body.Add(new JsonObject { ["type"] = "Container", ["id"] = "check-" + check.Id, ["style"] = "accent", ["items"] = new JsonArray { Text(pack.Fill(check.Note)) } });
            var edit = StaffCards.StepData(review, draft.Id, "edit");
            edit[StaffCards.TargetKey] = check.Step;
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray { Submit(pack.Text(TextKeys.ReviewEdit), edit) } });
        }

        foreach (var step in ReportSections.Shown(pack, applied.Holds))
        {
            // A step without a title is one question, whose label already heads its answer.
            var section = step.Title is null ? new JsonArray() : new JsonArray { Text(pack.Fill(step.Title), bold: true) };
            if (step.Type == StepType.Repeat)
            {
                var items = answers[step.Id] as JsonArray ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    section.Add(Text(ReportSections.ItemHeading(pack, step, i), subtle: true));
                    AddAnswers(pack, section, step.Fields, items[i] as JsonObject ?? []);
                }
            }
            else
            {
                AddAnswers(pack, section, step.Questions, answers);
            }

            var edit = StaffCards.StepData(review, draft.Id, "edit");
            edit[StaffCards.TargetKey] = step.Id;
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = section,
            });
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray { EditButton(pack, step, edit) },
            });
        }

        var send = applied.IsAllegation ? TextKeys.ReviewSendAllegation : TextKeys.ReviewSend;
        return Card(body, [Submit(pack.Text(send), StaffCards.StepData(review, draft.Id, "send"), positive: true)]);
    }

    /// <summary>"Edit", with the section it edits as its tooltip (read out by screen readers, shown on hover).</summary>
    private static JsonObject EditButton(ContentPack pack, Step step, JsonObject data)
    {
        var section = pack.Fill(step.Title ?? step.Questions.First().Label);
        var button = Submit(pack.Text(TextKeys.ReviewEdit), data);
        button["tooltip"] = pack.Text(TextKeys.ReviewEditTooltip, new Dictionary<string, string> { ["question"] = section });
        return button;
    }

    private static JsonObject FlagBlock(ContentPack pack, string headingKey, string style, IEnumerable<Flag> flags)
    {
        var items = new JsonArray { Text(pack.Text(headingKey), bold: true) };
        foreach (var flag in flags)
        {
            items.Add(Text("- " + pack.Fill(flag.Because)));
        }

        return new JsonObject { ["type"] = "Container", ["style"] = style, ["items"] = items };
    }

    private static void AddAnswers(ContentPack pack, JsonArray section, IEnumerable<Question> questions, JsonObject values)
    {
        foreach (var question in questions)
        {
            if (values[question.Id] is not { } value)
            {
                continue;
            }

            section.Add(Text(pack.Fill(question.Label), subtle: true));
            section.Add(PlainText(AnswerText.Describe(pack, question, value)));
        }
    }

    /// <summary>
    /// The receipt once a report is sent: its reference, the urgent block its recipient will see, what happens next.
    /// An allegation is worded for the allegations channel (the headteacher); while that isn't set up, the reporter
    /// is asked to speak to the headteacher (or the chair of governors) directly now. Sent outside school hours, it
    /// says who to phone now (contacts.yaml's whenNoOneAnswers), as the channel may not be read until the morning.
    /// </summary>
    public static JsonObject Receipt(ContentPack pack, Submission sent, IReadOnlyList<Flag> fivePoints)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(fivePoints);
        var allegation = sent.Report.Allegation;
        var values = new Dictionary<string, string> { ["reference"] = sent.Report.Reference };
        var body = new JsonArray
        {
            Heading(pack.Text(allegation ? TextKeys.ReceiptAllegationTitle : TextKeys.ReceiptTitle, values)),
            Text(pack.Text(allegation ? TextKeys.ReceiptAllegationText : TextKeys.ReceiptText, values)),
        };
        if (allegation && !sent.DestinationReady)
        {
            body.Add(new JsonObject { ["type"] = "Container", ["style"] = "attention", ["items"] = new JsonArray { Text(pack.Text(TextKeys.ReceiptAllegationWaiting, values)) } });
        }

        if (sent.OutOfHours)
        {
            // The channel may not be read until the next school day: who to phone now if a child could be at risk.
            var phone = pack.Contacts.WhenNoOneAnswers.Select(pack.Contacts.Find).OfType<Contact>().ToList();
            body.Add(new JsonObject { ["type"] = "Container", ["style"] = "warning", ["items"] = new JsonArray { Text(pack.Text(allegation ? TextKeys.ReceiptAllegationOutOfHours : TextKeys.ReceiptOutOfHours, values)), ContactFacts(pack, phone) } });
        }

        if (fivePoints.Count > 0)
        {
            // The same urgent block as on the review, so the reporter knows what the recipient will see as urgent.
            body.Add(FlagBlock(pack, allegation ? TextKeys.ReceiptAllegationUrgent : TextKeys.ReceiptUrgent, "attention", fivePoints));
        }

        body.Add(Text(pack.Text(allegation ? TextKeys.ReceiptAllegationNext : TextKeys.ReceiptNext, values)));
        body.Add(Text(pack.Text(TextKeys.ReceiptSelfCare, values), subtle: true));
        return Card(body);
    }
}
