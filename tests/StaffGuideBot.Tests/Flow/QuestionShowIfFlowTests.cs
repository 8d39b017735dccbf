using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// A field shown only when an earlier answer makes it apply, through the real HTTP pipeline with the England pack:
/// "what the child said" (required) is asked only when a child told you, "what were you told" (optional) only otherwise.
/// </summary>
public sealed class QuestionShowIfFlowTests : IDisposable
{
    private const string ChildWords = "She said: \"he's got a pic of me\"";
    private const string Told = "Her friend said a photo is going round";

    private readonly BotApplicationFactory _factory;
    private readonly ChatDriver _chat;

    public QuestionShowIfFlowTests()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));
        _factory = new BotApplicationFactory
        {
            Clock = clock,
        };
        _chat = new ChatDriver(_factory.CreateClient());
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Only_the_fields_that_apply_are_on_the_card_and_only_they_are_required()
    {
        await _chat.WalkToFactsAsync(cameToAttention: "friend_told");

        Assert.Equal(["what_you_were_told", "found_out_date", "found_out_time", "found_out_where"], InputIds(_chat.LastCard));
        await _chat.ClickAsync("Next");
        Assert.Contains("Please fill in: Date you found out.", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("What did the child say?", _chat.LastText, StringComparison.Ordinal);

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["found_out_date"] = "2026-11-20" });
        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_child_telling_you_asks_for_their_words_and_requires_them()
    {
        await _chat.WalkToFactsAsync(cameToAttention: "child_told");

        Assert.Equal(["what_was_said", "what_you_said", "found_out_date", "found_out_time", "found_out_where"], InputIds(_chat.LastCard));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["found_out_date"] = "2026-11-20" });
        Assert.Contains("Please fill in: What did the child say? Their own words, as far as you can.", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("What you know", _chat.LastText, StringComparison.Ordinal);

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = ChildWords });
        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_hidden_by_an_edit_leaves_the_review_and_the_report_but_comes_back_if_the_answer_is_changed_back()
    {
        await _chat.WalkToFactsAsync(cameToAttention: "child_told");
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = ChildWords, ["found_out_date"] = "2026-11-20" });
        await ToReviewAsync();
        Assert.Contains("got a pic of me", _chat.LastText, StringComparison.Ordinal);

        // Now a friend told: the account step is shown again for the field that applies now, and the child's words leave the review.
        await _chat.SubmitAsync(EditData("danger_check"));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["came_to_attention"] = "friend_told" });
        Assert.Equal(["what_you_were_told", "found_out_date", "found_out_time", "found_out_where"], InputIds(_chat.LastCard));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_you_were_told"] = Told });
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("photo is going round", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("got a pic of me", _chat.LastText, StringComparison.Ordinal);

        // Back to "a child told me": the advice on responding is shown again, and what was typed for that field is still there, pre-filled.
        await _chat.SubmitAsync(EditData("danger_check"));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["came_to_attention"] = "child_told" });
        Assert.Contains("How to respond", _chat.LastText, StringComparison.Ordinal);
        await _chat.ClickAsync("Next");
        Assert.Equal(ChildWords, ChatDriver.InputValues(_chat.LastCard)["what_was_said"]);
        await _chat.ClickAsync("Next");
        Assert.Contains("got a pic of me", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("photo is going round", _chat.LastText, StringComparison.Ordinal);

        await _chat.ClickAsync("Send to the DSL");
        var reference = System.Text.RegularExpressions.Regex.Match(_chat.LastText, @"SG-\d{4}-\d{4}").Value;
        var report = (await _factory.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
        Assert.Equal(ChildWords, report.Answers["what_was_said"]!.GetValue<string>());
        Assert.DoesNotContain("what_you_were_told", report.Answers);
    }

    private static List<string> InputIds(JsonObject card) =>
        [.. card["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).OfType<string>()];

    private async Task ToReviewAsync()
    {
        await _chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
    }

    private JsonObject EditData(string target) => _chat.LastCard["body"]!.AsArray()
        .Where(e => e?["type"]?.GetValue<string>() == "ActionSet")
        .Select(e => e!["actions"]![0]!["data"]!.AsObject())
        .Single(d => d["target"]?.GetValue<string>() == target);
}
