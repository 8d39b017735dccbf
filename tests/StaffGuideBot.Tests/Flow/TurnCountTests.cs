using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;
using Xunit.Abstractions;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// How many turns (messages and card presses the member of staff sends) a typical England report takes, from "I've
/// heard something" to the receipt. The driver reads each card and answers it from a small table of answers by
/// question id, pressing the card's main button, so it follows the pack as it changes: when the flow is rewritten,
/// only the expected counts below change (the test prints every turn).
/// </summary>
public sealed class TurnCountTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Today's counts: update these when the England flow changes (the goal is at most 12 for one child).</summary>
    private const int OneChildTurns = 11;
    private const int ThreeChildTurns = 13;

    private const int MaxTurns = 60;

    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    /// <summary>How the bot's "please fill in: {fields}" begins.</summary>
    private static readonly string RequiredMissing = England.Text(TextKeys.RequiredMissing, new Dictionary<string, string> { ["fields"] = "\u0001" }).Split('\u0001')[0];

    private readonly BotApplicationFactory _factory = new()
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero)),
    };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_typical_one_child_report_takes_the_expected_number_of_turns()
    {
        var turns = await ReportAsync(Child("A.B.", "14"));

        Assert.Equal(OneChildTurns, turns);
    }

    [Fact]
    public async Task A_typical_three_child_report_takes_the_expected_number_of_turns()
    {
        var turns = await ReportAsync(Child("A.B.", "14"), Child("C.D.", "13"), Child("E.F.", "15"));

        Assert.Equal(ThreeChildTurns, turns);
    }

    private static Dictionary<string, string> Child(string name, string age) => new() { ["name"] = name, ["age"] = age };

    /// <summary>
    /// A member of staff with no urgent answers (no danger now, no device, nothing seen, a child told them, no adult),
    /// reporting <paramref name="children"/>: the turns it takes to reach the receipt.
    /// </summary>
    private async Task<int> ReportAsync(params Dictionary<string, string>[] children)
    {
        var answers = new Dictionary<string, string>
        {
            ["immediate_danger"] = "no",
            ["device_involved"] = "no",
            ["already_seen"] = "no",
            ["came_to_attention"] = "child_told",
            ["found_out_date"] = "2026-11-20",
            ["what_was_said"] = "She said a boy in Year 10 has a picture of her and is showing it round.",
            ["adult_involved"] = "no",
        };
        var chat = new ChatDriver(_factory.CreateClient());
        var itemsGiven = 0;
        await chat.SayAsync("I've heard something");
        var turns = 1;
        output.WriteLine($"turn 1: typed \"I've heard something\"");
        while (!IsReceipt(chat.LastCard))
        {
            Assert.True(turns < MaxTurns, $"No receipt after {MaxTurns} turns");
            var card = chat.LastCard;
            var actions = Actions(card);
            var step = actions.Select(a => a["data"]?["step"]?.GetValue<string>()).FirstOrDefault(s => s is not null);
            var values = ChatDriver.InputValues(card);
            JsonObject press;
            if (actions.Any(a => a["data"]?["action"]?.GetValue<string>() == "answer"))
            {
                // A question asked with a button per answer.
                var question = England.Steps.Single(s => s.Id == step).Question!.Id;
                Assert.True(answers.TryGetValue(question, out var answer), $"The table has no answer to '{question}'");
                press = actions.Single(a => a["data"]!["answer"]?.GetValue<string>() == answer);
            }
            else if (England.Steps.FirstOrDefault(s => s.Id == step) is { Type: StepType.Repeat })
            {
                // One card per item: "save and add another" until the last.
                foreach (var (id, value) in children[itemsGiven])
                {
                    values[id] = value;
                }

                itemsGiven++;
                var more = itemsGiven < children.Length ? "another" : "submit";
                press = actions.Single(a => a["data"]!["action"]?.GetValue<string>() == more);
            }
            else
            {
                foreach (var id in InputIds(card).Where(answers.ContainsKey))
                {
                    values[id] = answers[id];
                }

                press = actions.FirstOrDefault(a => a["style"]?.GetValue<string>() == "positive") ?? actions[0];
            }

            await chat.SubmitAsync(press["data"]!.AsObject(), values);
            turns++;
            output.WriteLine($"turn {turns}: {step ?? "menu"}: \"{press["title"]}\"");
            Assert.False(chat.LastReplies.Any(a => a.Text?.StartsWith(RequiredMissing, StringComparison.Ordinal) == true), $"Step '{step}' asked again for a required answer: add it to the table ({chat.LastReplies[0].Text})");
        }

        Assert.Equal(children.Length, itemsGiven);
        return turns;
    }

    /// <summary>The card after sending: its reference and what happens next, and no buttons.</summary>
    private static bool IsReceipt(JsonObject card) => Actions(card).Count == 0 && card.ToJsonString().Contains("SG-2026-", StringComparison.Ordinal);

    /// <summary>The card's own buttons (not those in its body, such as the review's Edit buttons).</summary>
    private static List<JsonObject> Actions(JsonObject card) =>
        [.. (card["actions"]?.AsArray() ?? []).OfType<JsonObject>().Where(a => a["type"]?.GetValue<string>() == "Action.Submit")];

    private static IEnumerable<string> InputIds(JsonObject card) =>
        card["body"]!.AsArray().OfType<JsonObject>().Select(e => e["id"]?.GetValue<string>()).OfType<string>();
}
