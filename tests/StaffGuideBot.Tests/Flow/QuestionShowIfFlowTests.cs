using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// A field shown only when an earlier answer makes it apply, through the real HTTP pipeline, on a copy of the England
/// pack where "what the child said" is asked only when the child told you and "what were you told" only otherwise.
/// </summary>
public sealed class QuestionShowIfFlowTests : IDisposable
{
    private const string ChildWords = "She said: \"he's got a pic of me\"";
    private const string Told = "Her friend said a photo is going round";

    private readonly TempDirectory _folder = new();
    private readonly BotApplicationFactory _factory;
    private readonly ChatDriver _chat;

    public QuestionShowIfFlowTests()
    {
        var england = _folder.Combine("dialogs", "england");
        Directory.CreateDirectory(england);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")))
        {
            File.Copy(file, Path.Combine(england, Path.GetFileName(file)));
        }

        var flow = Path.Combine(england, "flow.yaml");
        var yaml = File.ReadAllText(flow);
        yaml = Replace(yaml, "        verbatim: true\n", "        verbatim: true\n        showIf: { answer: came_to_attention, is: child_told }\n");
        yaml = Replace(yaml, "      - id: what_you_said\n", """
                  - id: what_you_were_told
                    type: longtext
                    label: "What were you told, and by whom?"
                    required: true
                    showIf: { answer: came_to_attention, in: [friend_told, parent_told, other_agency, other] }
                  - id: what_you_said

            """);
        File.WriteAllText(flow, yaml);

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));
        _factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Content:Folder"] = _folder.Combine("dialogs"), ["Content:Pack"] = "england" })
        {
            ConfigureServicesForTest = services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            },
        };
        _chat = new ChatDriver(_factory.CreateClient());
    }

    public void Dispose()
    {
        _factory.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Only_the_fields_that_apply_are_on_the_card_and_only_they_are_required()
    {
        await _chat.WalkToFactsAsync();
        await _chat.ClickAsync("Next", Attention("friend_told"));

        Assert.Equal(["what_you_were_told", "what_you_said"], InputIds(_chat.LastCard));
        await _chat.ClickAsync("Next");
        Assert.Contains("Please fill in: What were you told, and by whom?", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("What was said?", _chat.LastText, StringComparison.Ordinal);

        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_you_were_told"] = Told });
        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_hidden_by_an_edit_leaves_the_review_and_the_report_but_comes_back_if_the_answer_is_changed_back()
    {
        await _chat.WalkToFactsAsync();
        await _chat.ClickAsync("Next", Attention("child_told"));
        Assert.Equal(["what_was_said", "what_you_said"], InputIds(_chat.LastCard));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = ChildWords });
        await ToReviewAsync();
        Assert.Contains("got a pic of me", _chat.LastText, StringComparison.Ordinal);

        // Now a friend told: the account step is shown again for the field that applies now, and the child's words leave the review.
        await _chat.SubmitAsync(EditData("attention"));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["came_to_attention"] = "friend_told" });
        Assert.Equal(["what_you_were_told", "what_you_said"], InputIds(_chat.LastCard));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["what_you_were_told"] = Told });
        Assert.Contains("Check and send", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("photo is going round", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("got a pic of me", _chat.LastText, StringComparison.Ordinal);

        // Back to "the child told me": what was typed for that field is still there, pre-filled.
        await _chat.SubmitAsync(EditData("attention"));
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["came_to_attention"] = "child_told" });
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

    private static Dictionary<string, string> Attention(string how) =>
        new() { ["came_to_attention"] = how, ["found_out_date"] = "2026-11-20" };

    private static string Replace(string text, string old, string replacement)
    {
        Assert.Contains(old, text, StringComparison.Ordinal);
        return text.Replace(old, replacement, StringComparison.Ordinal);
    }

    private static List<string> InputIds(JsonObject card) =>
        [.. card["body"]!.AsArray().Select(e => e?["id"]?.GetValue<string>()).OfType<string>()];

    private async Task ToReviewAsync()
    {
        await _chat.ClickAsync("Save this child", new Dictionary<string, string> { ["name"] = "Ayo T." });
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no" });
        await _chat.WalkToReviewAsync();
    }

    private JsonObject EditData(string target) => _chat.LastCard["body"]!.AsArray()
        .Where(e => e?["type"]?.GetValue<string>() == "ActionSet")
        .Select(e => e!["actions"]![0]!["data"]!.AsObject())
        .Single(d => d["target"]?.GetValue<string>() == target);
}
