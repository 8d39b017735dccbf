using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Cards;

/// <summary>The plain-text record a DSL copies into the school's safeguarding system.</summary>
public sealed class RecordTextTests
{
    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_record_has_every_part_in_order_and_every_answer_flag_route_decision_note_and_the_version()
    {
        var (report, reportCase) = ThreeChildReport();

        var text = RecordText.Create(England, report, reportCase);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        // The parts, in the order school systems ask for them.
        var parts = new[] { "StaffGuideBot record of report SG-2026-0042", "CONCERN", "PEOPLE INVOLVED", "ACTIONS", "OUTCOME" }.Select(p => lines.FindIndex(l => l.StartsWith(p, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, parts);
        Assert.Equal(parts.Order(), parts);
        int Part(string line) => parts.Count(p => p <= lines.IndexOf(line)) - 1;

        Assert.Contains("Reported by: Rita Porter", lines);
        Assert.Contains("Sent: Friday 20 November 2026 at 09:30", lines);
        Assert.Contains("Content version: england " + England.Version, lines);

        // The concern: flags with why, routes, the account.
        Assert.Equal(1, Part(lines.Single(l => l.StartsWith("- An adult is involved", StringComparison.Ordinal))));
        Assert.Contains(lines, l => l.Contains("(flagged because", StringComparison.Ordinal));
        Assert.Equal(1, Part(lines.Single(l => l.StartsWith("- NCA-CEOP: Applies because", StringComparison.Ordinal))));
        Assert.Equal(1, Part(lines.Single(l => l == "What did the child say? Their own words, as far as you can: he said he would post it everywhere")));

        // People: each child with every answered field, and the adult.
        foreach (var child in new[] { "A.B.", "C.D.", "E.F." })
        {
            Assert.Equal(2, Part(lines.Single(l => l == "  Name or initials: " + child)));
        }

        Assert.Equal(2, Part(lines.Single(l => l.EndsWith("Child 3", StringComparison.Ordinal) || l == "Child 3")));
        Assert.Equal(2, Part(lines.Single(l => l.EndsWith("says he is 19, met on a game", StringComparison.Ordinal))));
        Assert.Equal(2, Part(lines.Single(l => l.EndsWith("keeps to herself since the summer", StringComparison.Ordinal))));

        // Actions: what staff did, then the history with every note, times in full.
        Assert.Equal(3, Part(lines.Single(l => l.EndsWith("locked in the DSL's office", StringComparison.Ordinal))));
        Assert.Equal(3, Part(lines.Single(l => l == "- Note added by Dee Ess, Friday 20 November 2026 at 11:00")));
        Assert.Equal(3, Part(lines.Single(l => l == "  Rang MASH / they will call back")));

        // The outcome: the current decision, the earlier one, parents or carers, status.
        var outcome = lines.Skip(parts[4]).ToList();
        Assert.Equal(
            [
                "Decision: Refer to children's social care (MASH)",
                "Reasons: Police advised MASH leads",
                "Hackett continuum: Abusive",
                "Police or social care reference: CRIS 4411",
                "Recorded by Dee Ess, Friday 20 November 2026 at 12:00",
            ],
            outcome.SkipWhile(l => !l.StartsWith("Decision:", StringComparison.Ordinal)).Take(5));
        Assert.Equal(
            ["Earlier decisions, oldest first:", "Decision: Refer to the police; Refer to children's social care (MASH)", "Reasons: An adult asked for an image", "Recorded by Dee Ess, Friday 20 November 2026 at 10:30"],
            outcome.SkipWhile(l => !l.StartsWith("Earlier decisions", StringComparison.Ordinal)).Take(4));
        Assert.Contains("Parents or carers: Parents or carers will be told", outcome);
        Assert.Contains("Reasons: Social care will tell her mother", outcome);
        Assert.Contains("Refer to children's social care (MASH): recorded by Dee Ess, Friday 20 November 2026 at 12:00", outcome);

        // Plain text: no Markdown, no card JSON.
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_not_shown_to_the_reporter_are_not_in_the_record()
    {
        var (report, reportCase) = ThreeChildReport();
        report.Answers["already_seen"] = "no";
        report.Answers["seen_when_how"] = "hidden: seen on the bus";
        report.Answers["what_you_were_told"] = "hidden: a friend said";

        var text = RecordText.Create(England, report, reportCase);

        Assert.DoesNotContain("hidden:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_with_no_answer_is_left_out()
    {
        var (report, reportCase) = ThreeChildReport();
        report.Answers.Remove("spread");
        report.Answers.Remove("device_location");

        var text = RecordText.Create(England, report, reportCase);

        Assert.DoesNotContain(England.Fill(England.Steps.Single(s => s.Id == "sharing").Title!), text, StringComparison.Ordinal);
        Assert.Contains(England.Fill(England.Steps.Single(s => s.Id == "adult").Title!), text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_record_comes_in_parts_each_short_enough_and_nothing_is_lost()
    {
        var (report, reportCase) = ThreeChildReport();
        var text = RecordText.Create(England, report, reportCase);

        var parts = RecordText.Split(England, text, report.Reference, 900);

        Assert.True(parts.Count > 2);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 900));
        Assert.All(parts.Skip(1).Select((p, i) => (p, i)), x => Assert.StartsWith($"StaffGuideBot record of report SG-2026-0042 (part {x.i + 2})\n", x.p, StringComparison.Ordinal));
        var joined = string.Concat(parts.Select((p, i) => i == 0 ? p : p[(p.IndexOf('\n', StringComparison.Ordinal) + 1)..]).Select(p => p.Replace("\n", string.Empty, StringComparison.Ordinal)));
        Assert.Equal(text.Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd(), joined);
        Assert.Single(RecordText.Split(England, text, report.Reference, 100_000));
    }

    private static (Report Report, ReportCase Case) ThreeChildReport()
    {
        var answers = new JsonObject
        {
            ["immediate_danger"] = "no",
            ["came_to_attention"] = "child_told",
            ["device_involved"] = "yes",
            ["already_seen"] = "no",
            ["found_out_date"] = "2026-11-20",
            ["what_was_said"] = "he said he would post it everywhere",
            ["children"] = new JsonArray(
                new JsonObject { ["name"] = "A.B.", ["age"] = 14, ["year_group"] = "y9", ["role"] = new JsonArray("shown"), ["child_notes"] = "keeps to herself since the summer" },
                new JsonObject { ["name"] = "C.D.", ["age"] = 15, ["year_group"] = "y10", ["role"] = new JsonArray("shared") },
                new JsonObject { ["name"] = "E.F.", ["age"] = 14, ["year_group"] = "y9", ["role"] = new JsonArray("received") }),
            ["adult_involved"] = "yes",
            ["adult_works_with_children"] = "no",
            ["adult_details"] = "says he is 19, met on a game",
            ["spread"] = "a_few",
            ["device_location"] = "locked in the DSL's office",
        };
        var report = new Report
        {
            Reference = "SG-2026-0042",
            SubmittedAt = Sent,
            StartedAt = Sent.AddMinutes(-10),
            ContentPack = "england",
            ContentVersion = England.Version,
            Reporter = new Reporter { Name = "Rita Porter", UserId = "29:rita", ConversationId = "a:rita", ServiceUrl = "https://smba.example/" },
            Answers = answers,
            Flags = ["adult_involved"],
        };
        var dee = new Person { Name = "Dee Ess", AadObjectId = "aad-dee" };
        var reportCase = new ReportCase { Reference = report.Reference, Status = CaseStatus.DecisionRecorded, Urgent = true, Owner = dee };
        reportCase.Record(CaseEventKind.Delivered, Sent);
        reportCase.Record(CaseEventKind.Acknowledged, Sent.AddMinutes(10), dee);
        reportCase.Decisions.Add(new Decision
        {
            Outcomes = [new RecordedChoice { Id = "police", Title = "Refer to the police" }, new RecordedChoice { Id = "social_care", Title = "Refer to children's social care (MASH)" }],
            Reasons = "An adult asked for an image",
            By = dee,
            At = Sent.AddHours(1),
        });
        reportCase.Record(CaseEventKind.Decision, Sent.AddHours(1), dee, SummaryCard.Outcomes(reportCase.Decisions[0]));
        reportCase.Record(CaseEventKind.Note, Sent.AddMinutes(90), dee, "Rang MASH\nthey will call back");
        reportCase.Decisions.Add(new Decision
        {
            Outcomes = [new RecordedChoice { Id = "social_care", Title = "Refer to children's social care (MASH)" }],
            Reasons = "Police advised MASH leads",
            Classifications = [new RecordedChoice { Id = "hackett", Title = "Hackett continuum", Detail = "Abusive" }],
            ExternalReference = "CRIS 4411",
            By = dee,
            At = Sent.AddMinutes(150),
        });
        reportCase.Record(CaseEventKind.Decision, Sent.AddMinutes(150), dee, SummaryCard.Outcomes(reportCase.Decisions[1]));
        reportCase.ParentsDecisions.Add(new ParentsDecision { Choice = new RecordedChoice { Id = "will_tell", Title = "Parents or carers will be told" }, Reasons = "Social care will tell her mother", By = dee, At = Sent.AddMinutes(160) });
        reportCase.Record(CaseEventKind.ParentsDecision, Sent.AddMinutes(160), dee, "Parents or carers will be told");
        return (report, reportCase);
    }
}
