using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// The England flow through the real HTTP pipeline: what a report's source changes (the advice on responding and the
/// child's words only when a child told you), the advice cards shown for blackmail and for an adult who works with
/// children, and the answers the rewritten flow added, on the review and on the DSL's card.
/// </summary>
public sealed class SourceAndAdviceFlowTests : IDisposable
{
    private const string Told = "Her mum rang and said a photo of her is going round Year 10";

    private static readonly Lazy<ContentPack> LazyEngland = new(() =>
        ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")));

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));
    private readonly BotApplicationFactory _factory;
    private readonly ChatDriver _chat;

    public SourceAndAdviceFlowTests()
    {
        _factory = new BotApplicationFactory
        {
            Clock = _clock,
        };
        _chat = new ChatDriver(_factory.CreateClient());
    }

    public void Dispose() => _factory.Dispose();

    private static ContentPack England => LazyEngland.Value;

    [Fact]
    public async Task A_report_from_a_parent_skips_the_advice_on_responding_and_the_childs_words_and_keeps_what_you_were_told()
    {
        await _chat.WalkToFactsAsync(cameToAttention: "parent_told");

        Assert.DoesNotContain(_chat.Cards, c => c.ToJsonString().Contains(Title("how_to_respond"), StringComparison.Ordinal));
        var inputs = InputIds(_chat.LastCard);
        Assert.DoesNotContain("what_was_said", inputs);
        Assert.DoesNotContain("what_you_said", inputs);
        Assert.Contains("what_you_were_told", inputs);
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_you_were_told"] = Told, ["found_out_date"] = "2026-11-20" });
        await _chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();

        var review = Texts(_chat.LastCard);
        Assert.Contains(Label("what_you_were_told"), review);
        Assert.Contains(Told, review);
        Assert.DoesNotContain(Label("what_was_said"), review);

        var report = await SendAsync();
        Assert.Equal(Told, report.Answers["what_you_were_told"]!.GetValue<string>());
        Assert.DoesNotContain("what_was_said", report.Answers);
        var dslCard = Texts(DslCard(report));
        Assert.Contains(Label("what_you_were_told"), dslCard);
        Assert.Contains(Told, dslCard);
    }

    [Theory]
    [InlineData("blackmail", true)]
    [InlineData("threats", true)]
    [InlineData("grooming", false)]
    [InlineData("none_known", false)]
    [InlineData("", false)]
    public async Task The_sextortion_advice_is_shown_for_blackmail_or_threats_and_not_otherwise(string pressure, bool shown)
    {
        await ToAdultAsync();
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["pressure"] = pressure });

        Assert.Equal(shown, _chat.LastText.Contains(Title("sextortion_advice"), StringComparison.Ordinal));
        await _chat.WalkToReviewAsync();
        Assert.Equal(shown, _chat.Cards.Any(c => Texts(c).Any(t => t.Contains("Don't pay", StringComparison.Ordinal))));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("unsure", true)]
    [InlineData("no", false)]
    [InlineData("", false)]
    public async Task The_allegation_advice_is_shown_when_the_adult_does_or_may_work_with_children_and_not_otherwise(string worksWithChildren, bool shown)
    {
        await ToAdultAsync();

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "yes", ["adult_works_with_children"] = worksWithChildren });

        Assert.Equal(shown, _chat.LastText.Contains(Title("allegation_advice"), StringComparison.Ordinal));
        Assert.Equal(!shown, _chat.LastText.Contains(Title("sharing"), StringComparison.Ordinal));
        await _chat.WalkToReviewAsync();
    }

    [Fact]
    public async Task Each_answer_the_rewritten_flow_added_is_on_the_review_and_the_dsl_card_and_intent_to_harm_is_flagged()
    {
        var child = new Dictionary<string, string>
        {
            ["name"] = "Ayo T.",
            ["age"] = "14",
            ["child_image"] = "Described as a selfie in her underwear",
            ["vulnerabilities"] = "social_worker,mental_health",
            ["other_school"] = "yes",
        };
        var sharing = new Dictionary<string, string>
        {
            ["spread"] = "not_sent",
            ["intent_to_harm"] = "yes",
            ["who_knows"] = "police,other_school",
            ["image_status"] = "reported",
        };
        await ToAdultAsync(child);
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.ClickAsync("Next", sharing);
        await _chat.WalkToReviewAsync();
        var expected = child.Skip(2).Concat(sharing).Select(a => Shown(a.Key, a.Value)).ToList();

        // The review: each question's label and answer.
        var review = Texts(_chat.LastCard);
        Assert.All(expected, e => Assert.Contains(e.Label, review));
        Assert.All(expected, e => Assert.Contains(e.Answer, review));

        var report = await SendAsync();
        Assert.Contains("shared_without_consent", report.Flags);
        Assert.DoesNotContain("without_consent", report.Answers);

        // The DSL's card: each answer (a child's choices may share the child's line in the key facts), and the label of
        // every yes/no answer, since a bare "Yes" says nothing.
        var dslCard = Texts(DslCard(report));
        Assert.All(expected, e => Assert.Contains(dslCard, t => t.Contains(e.Answer, StringComparison.Ordinal)));
        Assert.All(expected.Where(e => e.Question.Type == QuestionType.YesNo), e => Assert.Contains(e.Label, dslCard));
    }

    /// <summary>A question, its label and its answer (a card input's value) as worded for people.</summary>
    private static (Question Question, string Label, string Answer) Shown(string id, string value)
    {
        var question = England.Steps.SelectMany(s => s.Questions).Single(q => q.Id == id);
        JsonNode answer = question.Type == QuestionType.MultiChoice ? new JsonArray([.. value.Split(',').Select(v => (JsonNode)JsonValue.Create(v))]) : JsonValue.Create(value);
        return (question, England.Fill(question.Label), AnswerText.Describe(England, question, answer));
    }

    /// <summary>From the start, a child having told you, to the adult's card past the children (one child, or <paramref name="child"/>).</summary>
    private async Task ToAdultAsync(Dictionary<string, string>? child = null)
    {
        await _chat.WalkToChildrenAsync();
        await _chat.ClickAsync(ChatDriver.SaveThisChild, child ?? new Dictionary<string, string> { ["name"] = "Ayo T.", ["age"] = "14" });
        Assert.Contains(Title("adult"), _chat.LastText, StringComparison.Ordinal);
    }

    private async Task<Report> SendAsync()
    {
        await _chat.ClickAsync("Send to the DSL");
        var reference = System.Text.RegularExpressions.Regex.Match(_chat.LastText, @"SG-\d{4}-\d{4}").Value;
        return (await _factory.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
    }

    private JsonObject DslCard(Report report) =>
        SummaryCard.Create(England, report, new ReportCase { Reference = report.Reference, Status = CaseStatus.Delivered }, _clock.GetUtcNow());

    private static string Title(string stepId) => England.Fill(England.Steps.Single(s => s.Id == stepId).Title!);

    private static string Label(string questionId) => England.Fill(England.Steps.SelectMany(s => s.Questions).Single(q => q.Id == questionId).Label);

    private static List<string> InputIds(JsonObject card) =>
        [.. card["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).OfType<string>()];

    /// <summary>Every text and text run of a card, whole and trimmed, so a label or an answer is found as people read it.</summary>
    private static List<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.GetValue<string>() is "TextBlock" or "TextRun" => [o["text"]!.GetValue<string>().Trim()],
        JsonObject o => [.. o.SelectMany(p => Texts(p.Value))],
        JsonArray a => [.. a.SelectMany(Texts)],
        _ => [],
    };
}
