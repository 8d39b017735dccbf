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
}
