using System.Text;
using StaffGuideBot.LoadTest;

namespace StaffGuideBot.Tests.LoadTest;

/// <summary>The load tool's own logic: its arguments, its percentiles, and how it checks an expectReplies answer.</summary>
public sealed class LoadToolTests
{
    [Fact]
    public void Defaults_are_16_conversations_20_seconds_after_5_seconds_of_warm_up_on_sqlite()
    {
        var options = LoadOptions.Parse([]);

        Assert.Equal(16, options.Concurrency);
        Assert.Equal(20, options.Seconds);
        Assert.Equal(5, options.WarmupSeconds);
        Assert.Equal(0, options.Requests);
        Assert.Equal("sqlite", options.Storage);
    }

    [Fact]
    public void Options_are_read_with_a_space_or_an_equals_sign()
    {
        var options = LoadOptions.Parse(["--concurrency", "4", "--seconds=2.5", "--warmup-seconds", "0", "--requests=100", "--storage", "Memory"]);

        Assert.Equal(4, options.Concurrency);
        Assert.Equal(2.5, options.Seconds);
        Assert.Equal(0, options.WarmupSeconds);
        Assert.Equal(100, options.Requests);
        Assert.Equal("memory", options.Storage);
    }

    [Theory]
    [InlineData("--concurrency", "0")]
    [InlineData("--concurrency", "many")]
    [InlineData("--seconds", "-1")]
    [InlineData("--storage", "cosmos")]
    [InlineData("--unknown", "1")]
    public void Wrong_arguments_are_refused(string name, string value) =>
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse([name, value]));

    [Fact]
    public void A_missing_value_is_refused() =>
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--seconds"]));

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToArray();

        var stats = LatencyStats.From(values);

        Assert.Equal(50, stats.P50);
        Assert.Equal(90, stats.P90);
        Assert.Equal(99, stats.P99);
        Assert.Equal(100, stats.Max);
        Assert.Equal(50.5, stats.Mean);
        Assert.Equal(7, LatencyStats.Percentile([7], 99));
        Assert.Equal(LatencyStats.Empty, LatencyStats.From([]));
    }

    [Theory]
    [InlineData("""{"activities":[{"type":"message","attachments":[{"a":[1,2]}]}]}""", 1)]
    [InlineData("""{"other":{"activities":[1,2]},"activities":[{},{}]}""", 2)]
    [InlineData("""{"activities":[]}""", 0)]
    [InlineData("""{"activities":{}}""", -1)]
    [InlineData("""{"status":"ok"}""", -1)]
    [InlineData("""[1]""", -1)]
    [InlineData("""{"activities":[{""", -1)]
    public void Replies_are_counted_from_the_top_level_activities_array(string json, int expected) =>
        Assert.Equal(expected, LoadRunner.CountReplies(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void The_message_template_is_a_personal_chat_expectReplies_message()
    {
        var activity = System.Text.Json.Nodes.JsonNode.Parse(LoadRunner.MessageTemplate("a:c-1", "29:u-1", "Load Tester1"))!;

        Assert.Equal("message", activity["type"]!.GetValue<string>());
        Assert.Equal("expectReplies", activity["deliveryMode"]!.GetValue<string>());
        Assert.Equal("personal", activity["conversation"]!["conversationType"]!.GetValue<string>());
        Assert.Equal("a:c-1", activity["conversation"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void A_card_is_answered_with_the_button_that_moves_the_report_on_and_every_input_filled()
    {
        var card = System.Text.Json.Nodes.JsonNode.Parse("""
            {"type":"AdaptiveCard","body":[
              {"type":"Input.ChoiceSet","id":"danger","choices":[{"title":"Yes","value":"yes"},{"title":"No","value":"no"}]},
              {"type":"Container","items":[{"type":"Input.Number","id":"age","min":4,"max":12},{"type":"Input.Text","id":"said","value":"kept as given"}]},
              {"type":"Input.Text","id":"child_name"},{"type":"Input.Date","id":"when"},{"type":"Input.Toggle","id":"sure"},
              {"type":"ActionSet","actions":[{"type":"Action.Submit","title":"Edit","data":{"step":"s","action":"edit"}}]}],
             "actions":[{"type":"Action.Submit","title":"Start again","data":{"action":"restart"}},
                        {"type":"Action.Submit","title":"Yes","data":{"step":"s","action":"answer","answer":"yes"}},
                        {"type":"Action.Submit","title":"No","data":{"step":"s","action":"answer","answer":"no"}},
                        {"type":"Action.ShowCard","title":"More","card":{"type":"AdaptiveCard","actions":[{"type":"Action.Submit","data":{"action":"send"}}]}}]}
            """)!.AsObject();

        var value = CardAnswerer.Answer([card], new DateOnly(2026, 12, 3))!;

        Assert.Equal("answer", value["action"]!.GetValue<string>());
        Assert.Equal("no", value["answer"]!.GetValue<string>());
        Assert.Equal("no", value["danger"]!.GetValue<string>());
        Assert.Equal("12", value["age"]!.GetValue<string>());
        Assert.Equal("kept as given", value["said"]!.GetValue<string>());
        Assert.Equal("A.B.", value["child_name"]!.GetValue<string>());
        Assert.Equal("2026-12-03", value["when"]!.GetValue<string>());
        Assert.Null(value["sure"]);
        Assert.Null(CardAnswerer.Answer([System.Text.Json.Nodes.JsonNode.Parse("""{"type":"AdaptiveCard","actions":[{"type":"Action.Submit","data":{"action":"cancel"}}]}""")!.AsObject()], new DateOnly(2026, 12, 3)));
    }

    [Fact]
    public async Task The_tools_staff_member_makes_a_whole_report_with_the_shipped_content_reading_each_card()
    {
        using var factory = new StaffGuideBot.Tests.Http.BotApplicationFactory();
        using var client = factory.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        System.Text.Json.Nodes.JsonObject? value = null;
        var sent = false;
        for (var turn = 0; turn < 40; turn++)
        {
            using var response = await client.PostAsync("/api/messages", new StringContent(LoadRunner.ReportActivity("a:load-walk", 1, value), Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            if (sent)
            {
                Assert.Matches(@"SG-\d{4}-\d{4}", text);
                return;
            }

            var cards = (System.Text.Json.Nodes.JsonNode.Parse(text)!["activities"]!.AsArray())
                .SelectMany(a => a!["attachments"]?.AsArray() ?? []).Select(a => a!["content"]).OfType<System.Text.Json.Nodes.JsonObject>().ToList();
            value = CardAnswerer.Answer(cards, today);
            Assert.NotNull(value);
            sent = value["action"]?.GetValue<string>() == "send";
        }

        Assert.Fail("No receipt after 40 turns.");
    }
}
