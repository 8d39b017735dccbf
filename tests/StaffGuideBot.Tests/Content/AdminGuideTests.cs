using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>The README's worked examples, done to a copy of the England pack exactly as written there.</summary>
public sealed partial class AdminGuideTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public AdminGuideTests()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")))
        {
            File.Copy(file, _folder.Combine(Path.GetFileName(file)));
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Changing_the_dsl_phone_number_as_the_guide_shows_reaches_every_message_that_names_it()
    {
        var block = YamlBlockAfter("### Worked example 1");
        var dsl = ContactEntry().Match(block).Value;
        Assert.Contains("phone: \"01632 960123\"", dsl, StringComparison.Ordinal);
        var contacts = File.ReadAllText(_folder.Combine("contacts.yaml"));
        var original = ContactEntry().Match(contacts[contacts.IndexOf("school:", StringComparison.Ordinal)..]).Value;
        File.WriteAllText(_folder.Combine("contacts.yaml"), contacts.Replace(original, dsl, StringComparison.Ordinal));

        var (pack, problems) = ContentPackLoader.TryLoad(_folder.Path);

        Assert.NotNull(pack);
        Assert.DoesNotContain(problems, p => p.Message.Contains("'dsl'", StringComparison.Ordinal));
        Assert.Equal("01632 960123", pack.Contacts.Find("dsl")!.Phone);
        Assert.Contains("01632 960123", StaffCards.Contacts(pack).ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("01632 960123", pack.Text(TextKeys.DeliveryLate, new Dictionary<string, string> { ["reference"] = "SG-2026-0001" }), StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_question_as_the_guide_shows_asks_it_and_shows_its_answer_on_the_review_and_the_dsl_card()
    {
        var field = YamlBlockAfter("<!-- worked-example: add-question -->");
        const string after = "        label: \"Any worry about parents or carers being told?\"\n";
        var flow = File.ReadAllText(_folder.Combine("flow.yaml"));
        Assert.Contains(after, flow, StringComparison.Ordinal);
        File.WriteAllText(_folder.Combine("flow.yaml"), flow.Replace(after, after + field, StringComparison.Ordinal));

        var pack = ContentPackLoader.Load(_folder.Path);

        var step = pack.Steps.Single(s => s.Id == "sharing");
        var question = Assert.Single(step.Questions, q => q.Id == "trusted_adult");
        Assert.Equal(QuestionType.YesNo, question.Type);
        Assert.Contains("\"id\":\"trusted_adult\"", StaffCards.Step(pack, step, "draft1").ToJsonString(), StringComparison.Ordinal);

        var answers = new JsonObject { ["trusted_adult"] = "no" };
        var reader = new AnswerReader(pack, new BotFramework.Dialogs.Recognizers.DateTimeRecognizer());
        var storage = new MemoryStorage();
        var review = new ReviewDialog(pack, pack.Steps.Single(s => s.Type == StepType.Review), new BotFramework.State.ConversationState(storage).CreateProperty<ReportDraft>("d"),
            new PackRules(pack), new ReportSubmitter(new StorageReportStore(storage), new RecordedDslEscalation(storage, TimeProvider.System), TimeProvider.System));
        var label = "Does the child have a trusted adult at home they can talk to?";
        Assert.Contains(label, review.Card(new ReportDraft { Answers = answers }).ToJsonString(), StringComparison.Ordinal);

        var now = DateTimeOffset.UtcNow;
        var report = new Report
        {
            Reference = "SG-2026-0001",
            SubmittedAt = now,
            StartedAt = now,
            ContentPack = pack.Id,
            ContentVersion = pack.Version,
            Reporter = new Reporter { Name = "A", UserId = "29:a", ConversationId = "a:a", ServiceUrl = "https://localhost/" },
            Answers = answers,
            Flags = [],
        };
        var card = SummaryCard.Create(pack, report, new ReportCase { Reference = report.Reference }, now).ToJsonString();
        Assert.Contains(label, card, StringComparison.Ordinal);
    }

    /// <summary>The first ```yaml block after <paramref name="marker"/> in the README.</summary>
    private static string YamlBlockAfter(string marker)
    {
        var readme = File.ReadAllText(Path.Combine(SharedSchemas.RepositoryRoot, "README.md"));
        var at = readme.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README.md has no '{marker}'");
        var start = readme.IndexOf("```yaml\n", at, StringComparison.Ordinal) + "```yaml\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    /// <summary>The dsl entry of a contacts list: from "- id: dsl" to the line before the next entry.</summary>
    [GeneratedRegex(@"  - id: dsl\n(    .*\n)+")]
    private static partial Regex ContactEntry();
}
