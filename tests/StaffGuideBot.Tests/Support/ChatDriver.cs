using System.Net;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Tests.Http;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// Chats with the real bot over HTTP (expectReplies) as a member of staff would: types, and presses buttons on the
/// newest card that has them, with input values. Every card the bot sends is checked against Adaptive Cards 1.5.
/// </summary>
public sealed class ChatDriver(HttpClient client, string conversationId = "a:personal-flow")
{
    public List<Activity> Received { get; } = [];

    public IReadOnlyList<Activity> LastReplies { get; private set; } = [];

    public IEnumerable<JsonObject> Cards => Received.SelectMany(CardsOf);

    /// <summary>
    /// Starts a report and answers the opening steps (no danger, how it came to you: <paramref name="cameToAttention"/>,
    /// guidance read when a child told you, warning accepted, no device, nothing seen), up to "What you know".
    /// </summary>
    public async Task WalkToFactsAsync(string opening = "I've heard something", string cameToAttention = "child_told")
    {
        await SayAsync(opening);
        await ClickAsync("Report a concern now");
        await ClickAsync("Next", new Dictionary<string, string> { ["immediate_danger"] = "no", ["came_to_attention"] = cameToAttention });
        if (cameToAttention == "child_told")
        {
            Assert.Contains("How to respond", LastText, StringComparison.Ordinal);
            await ClickAsync("Next");
        }

        await ClickAsync("I understand");
        await ClickAsync("Next", new Dictionary<string, string> { ["device_involved"] = "no", ["already_seen"] = "no" });
        Assert.Contains("What you know", LastText, StringComparison.Ordinal);
    }

    /// <summary>Walks to "What you know" as <see cref="WalkToFactsAsync"/> does and gives the child's words, up to the children.</summary>
    public async Task WalkToChildrenAsync(string whatWasSaid = "He sent it round", string opening = "I've heard something")
    {
        await WalkToFactsAsync(opening);
        await ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = whatWasSaid, ["found_out_date"] = "2026-11-20", ["found_out_time"] = "10:42" });
        Assert.Contains("Children involved", LastText, StringComparison.Ordinal);
    }

    /// <summary>
    /// Clicks on through the remaining steps to the review (leaving their questions as they are), past any urgent
    /// advice; true when the "phone the DSL now" step was shown on the way.
    /// </summary>
    public async Task<bool> WalkToReviewAsync()
    {
        var askedToPhone = false;
        for (var turn = 0; turn < 8 && !LastText.Contains("Check and send", StringComparison.Ordinal); turn++)
        {
            askedToPhone |= LastText.Contains("Phone the DSL now", StringComparison.OrdinalIgnoreCase);
            await ClickAsync(LastButtons.Contains(KeepRecording) ? KeepRecording : "Next");
        }

        Assert.Contains("Check and send", LastText, StringComparison.Ordinal);
        return askedToPhone;
    }

    /// <summary>The button that carries on after urgent advice.</summary>
    public const string KeepRecording = "Done – keep recording";

    /// <summary>The child card's main button: saves this child and ends the list.</summary>
    public const string SaveThisChild = "Save this child";

    public async Task<IReadOnlyList<Activity>> SayAsync(string text) => await SendAsync(Activities.Message(text, conversationId));

    /// <summary>
    /// Presses the button titled <paramref name="title"/> on the newest card that has it. As Teams does, the card's
    /// inputs are sent with their current values (what the card was pre-filled with), changed by
    /// <paramref name="inputs"/>; an input set to "" is emptied, and Teams leaves an empty input out of the data.
    /// </summary>
    public async Task<IReadOnlyList<Activity>> ClickAsync(string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var (card, action) = Received.SelectMany(CardsOf).Reverse()
            .SelectMany(card => (card["actions"]?.AsArray() ?? []).Concat(NestedActions(card)).Select(action => (card, action)))
            .FirstOrDefault(c => c.action?["title"]?.GetValue<string>() == title && c.action["type"]?.GetValue<string>() == "Action.Submit");
        if (action is null)
        {
            throw new InvalidOperationException($"No card has a button '{title}'. Buttons: {string.Join(", ", AllTitles())}");
        }

        var values = InputValues(card);
        foreach (var (id, input) in inputs ?? new Dictionary<string, string>())
        {
            values[id] = input;
        }

        return await SubmitAsync(action["data"]!.AsObject(), values);
    }

    /// <summary>Sends a card submission with exactly this data (e.g. an old card's data) and these input values ("" = left empty, so not sent).</summary>
    public async Task<IReadOnlyList<Activity>> SubmitAsync(JsonObject data, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var value = data.DeepClone().AsObject();
        foreach (var (id, input) in inputs ?? new Dictionary<string, string>())
        {
            if (input.Length == 0)
            {
                value.Remove(id);
            }
            else
            {
                value[id] = input;
            }
        }

        return await SendAsync(Activities.Message(null, conversationId, value: value));
    }

    /// <summary>The values a card's inputs hold before anyone changes them (a toggle sends its valueOff when not set).</summary>
    public static Dictionary<string, string> InputValues(JsonObject card) =>
        Flatten(card["body"]).Where(e => e["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal))
            .Select(e => (Id: e["id"]!.GetValue<string>(), Value: e["value"]?.ToString() ?? (e["type"]!.GetValue<string>() == "Input.Toggle" ? e["valueOff"]?.ToString() : null)))
            .Where(i => !string.IsNullOrEmpty(i.Value))
            .ToDictionary(i => i.Id, i => i.Value!);

    private static IEnumerable<JsonObject> Flatten(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.Where(p => p.Key != "card").SelectMany(p => Flatten(p.Value))),
        JsonArray a => a.SelectMany(Flatten),
        _ => [],
    };

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = BotJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!.Activities.ToList();
        foreach (var card in replies.SelectMany(CardsOf))
        {
            AdaptiveCardSchema.AssertValid(card);

            // Every button of a report step names the card it is on, so a press received twice is taken once.
            var stepButtons = (card["actions"]?.AsArray() ?? []).Concat(NestedActions(card)).Select(a => a?["data"]).OfType<JsonObject>().Where(d => d.ContainsKey("step")).ToList();
            Assert.All(stepButtons, d => Assert.False(string.IsNullOrEmpty(d["instance"]?.GetValue<string>())));
            Assert.Equal(stepButtons.Count, stepButtons.Select(d => d["instance"]!.GetValue<string>()).Distinct().Count());
        }

        Received.AddRange(replies);
        LastReplies = replies;
        return replies;
    }

    /// <summary>All text of the last replies (message text and card text), for simple "it said …" checks.</summary>
    public string LastText => string.Join("\n", LastReplies.Select(a => a.Text + " " + string.Join(" ", CardsOf(a).Select(c => c.ToJsonString()))));

    /// <summary>The titles of the buttons on the cards of the last replies.</summary>
    public IReadOnlyList<string> LastButtons => [.. LastReplies.SelectMany(CardsOf).SelectMany(c => (c["actions"]?.AsArray() ?? []).Concat(NestedActions(c))).Select(a => a?["title"]?.GetValue<string>() ?? "?")];

    public JsonObject LastCard => LastReplies.SelectMany(CardsOf).LastOrDefault() ?? throw new InvalidOperationException("The last reply had no card.");

    public static IEnumerable<JsonObject> CardsOf(Activity activity) =>
        activity.Attachments?.Where(a => a.ContentType == Attachment.AdaptiveCardContentType)
            .Select(a => JsonNode.Parse(BotJson.Serialize(a.Content))!.AsObject()) ?? [];

    private static IEnumerable<JsonNode?> NestedActions(JsonObject card) =>
        card["body"]?.AsArray().Where(e => e?["type"]?.GetValue<string>() == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()) ?? [];

    private IEnumerable<string> AllTitles() =>
        Received.SelectMany(CardsOf).SelectMany(c => (c["actions"]?.AsArray() ?? []).Concat(NestedActions(c))).Select(a => a?["title"]?.GetValue<string>() ?? "?").Distinct();
}
