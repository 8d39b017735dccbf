using System.Net;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// Chats with the real bot over HTTP (expectReplies) as a member of staff would: types, and presses buttons on the
/// newest card that has them, with input values. Every card the bot sends is checked against Adaptive Cards 1.5.
/// </summary>
public sealed class ChatDriver(HttpClient client, string conversationId = "a:personal-flow")
{
    public List<Activity> Received { get; } = [];

    public IReadOnlyList<Activity> LastReplies { get; private set; } = [];

    public IEnumerable<JsonObject> Cards => Received.SelectMany(CardsOf);

    /// <summary>Starts a report and answers the opening steps (no danger, guidance read, warning accepted, no device, nothing seen).</summary>
    public async Task WalkToFactsAsync(string opening = "I've heard something")
    {
        await SayAsync(opening);
        await ClickAsync("Report a concern now");
        await SayAsync("no");
        await ClickAsync("Next");
        await ClickAsync("I understand – I won't look at or share any image");
        await SayAsync("nope");
        await ClickAsync("No");
        Assert.Contains("How you found out", LastText, StringComparison.Ordinal);
    }

    public async Task<IReadOnlyList<Activity>> SayAsync(string text) => await SendAsync(Activities.Message(text, conversationId));

    /// <summary>Presses the button titled <paramref name="title"/> on the newest card that has it, with these input values.</summary>
    public async Task<IReadOnlyList<Activity>> ClickAsync(string title, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var action = Received.SelectMany(CardsOf).Reverse()
            .SelectMany(card => card["actions"]?.AsArray() ?? [])
            .Concat(Received.SelectMany(CardsOf).Reverse().SelectMany(NestedActions))
            .FirstOrDefault(a => a?["title"]?.GetValue<string>() == title && a["type"]?.GetValue<string>() == "Action.Submit")
            ?? throw new InvalidOperationException($"No card has a button '{title}'. Buttons: {string.Join(", ", AllTitles())}");
        return await SubmitAsync(action["data"]!.AsObject(), inputs);
    }

    /// <summary>Sends a card submission with exactly this data (e.g. an old card's data).</summary>
    public async Task<IReadOnlyList<Activity>> SubmitAsync(JsonObject data, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var value = data.DeepClone().AsObject();
        foreach (var (id, input) in inputs ?? new Dictionary<string, string>())
        {
            value[id] = input;
        }

        return await SendAsync(Activities.Message(null, conversationId, value: value));
    }

    public async Task<IReadOnlyList<Activity>> SendAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replies = BotJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!.Activities.ToList();
        foreach (var card in replies.SelectMany(CardsOf))
        {
            AdaptiveCardSchema.AssertValid(card);
        }

        Received.AddRange(replies);
        LastReplies = replies;
        return replies;
    }

    /// <summary>All text of the last replies (message text and card text), for simple "it said …" checks.</summary>
    public string LastText => string.Join("\n", LastReplies.Select(a => a.Text + " " + string.Join(" ", CardsOf(a).Select(c => c.ToJsonString()))));

    public JsonObject LastCard => LastReplies.SelectMany(CardsOf).LastOrDefault() ?? throw new InvalidOperationException("The last reply had no card.");

    public static IEnumerable<JsonObject> CardsOf(Activity activity) =>
        activity.Attachments?.Where(a => a.ContentType == Attachment.AdaptiveCardContentType)
            .Select(a => JsonNode.Parse(BotJson.Serialize(a.Content))!.AsObject()) ?? [];

    private static IEnumerable<JsonNode?> NestedActions(JsonObject card) =>
        card["body"]?.AsArray().Where(e => e?["type"]?.GetValue<string>() == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()) ?? [];

    private IEnumerable<string> AllTitles() =>
        Received.SelectMany(CardsOf).SelectMany(c => (c["actions"]?.AsArray() ?? []).Concat(NestedActions(c))).Select(a => a?["title"]?.GetValue<string>() ?? "?").Distinct();
}
