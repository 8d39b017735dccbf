using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace StaffGuideBot.LoadTest;

/// <summary>
/// Walks one whole report against the running bot as <see cref="CardAnswerer"/> does and writes the walk as a script
/// for the side-by-side benchmark's driver (<c>../shared/bench/turns.mjs</c>, given with <c>BOT_SCRIPT=</c>): each
/// turn's text or value, a phrase the next reply must contain, and the draft id captured where the bot first hands it
/// out. So the benchmark follows the flow as it is now, whatever the content says.
/// </summary>
internal static partial class ScriptWriter
{
    private const string DraftVariable = "{{draft}}";

    public static async Task<int> WriteAsync(HttpClient client, Uri messages, string path, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var conversation = "a:script-" + Guid.NewGuid().ToString("N")[..8];
        var turns = new JsonArray();
        JsonObject? value = null;
        string? draft = null;
        string? instance = null;
        var sent = false;
        for (var i = 0; i < 60; i++)
        {
            var body = LoadRunner.ReportActivity(conversation, 0, value);
            using var response = await client.PostAsync(messages, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var replies = (JsonNode.Parse(text)?["activities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var cards = replies.SelectMany(r => (r["attachments"] as JsonArray ?? []).OfType<JsonObject>()).Select(a => a["content"]).OfType<JsonObject>().ToList();

            var turn = new JsonObject { ["label"] = value is null ? "hi" : $"{value["step"] ?? value["menu"]}: {value["action"] ?? "open"}" };
            if (value is null)
            {
                turn["text"] = "hi";
            }
            else
            {
                turn["value"] = Templated(value, draft, instance, today);
            }

            if (draft is null && DraftPattern().Match(text) is { Success: true } found)
            {
                draft = found.Groups[1].Value;
                turn["capture"] = new JsonObject { ["draft"] = DraftPattern().ToString() };
            }

            // Each card names its instance (so a stale click is known): taken from every reply that has one.
            if (InstancePattern().Match(text) is { Success: true } card)
            {
                instance = card.Groups[1].Value;
                var capture = turn["capture"] as JsonObject ?? [];
                capture["instance"] = InstancePattern().ToString();
                turn["capture"] = capture;
            }

            if (Expectation(text, replies) is { } expect)
            {
                turn["expect"] = expect;
            }

            turns.Add(turn);
            if (sent && ReferencePattern().IsMatch(text))
            {
                var script = new JsonObject
                {
                    ["about"] = $"StaffGuideBot's report flow as it is now, walked by StaffGuideBot.LoadTest --write-script on {today}: {turns.Count} turns from \"hi\" to the receipt, each card answered as CardAnswerer does (\"no\" where offered, plausible text elsewhere). Each expect is a phrase of that turn's reply; {{{{draft}}}} and {{{{instance}}}} are the draft and card ids the bot hands out.",
                    ["turns"] = turns,
                };
                await File.WriteAllTextAsync(path, script.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n", cancellationToken).ConfigureAwait(false);
                return turns.Count;
            }

            value = CardAnswerer.Answer(cards, DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                ?? throw new InvalidOperationException($"Turn {i}: no card to answer in {text[..Math.Min(400, text.Length)]}");
            sent = value["action"]?.GetValue<string>() == "send";
        }

        throw new InvalidOperationException("No receipt after 60 turns.");
    }

    /// <summary>The value with the draft id and today's date as the driver's variables.</summary>
    private static JsonObject Templated(JsonObject value, string? draft, string? instance, string today)
    {
        var copy = new JsonObject();
        foreach (var (name, node) in value)
        {
            var text = node?.ToString();
            copy[name] = text is null ? null
                : text == draft ? DraftVariable
                : text == instance ? "{{instance}}"
                : text == today ? "{{today}}"
                : node!.DeepClone();
        }

        return copy;
    }

    /// <summary>A phrase of the reply's first text that needs no escaping in JSON (letters, digits and spaces only).</summary>
    private static string? Expectation(string raw, IReadOnlyList<JsonObject> replies)
    {
        var texts = replies.SelectMany(r => new[] { r["text"]?.ToString() }.Concat(
            (r["attachments"] as JsonArray ?? []).OfType<JsonObject>().Select(a => FirstText(a["content"]))));
        foreach (var text in texts.OfType<string>())
        {
            var phrase = PlainPhrase().Matches(text).Select(m => m.Value.Trim()).Where(p => p.Length >= 10).OrderByDescending(p => p.Length).FirstOrDefault();
            if (phrase is not null && raw.Contains(phrase, StringComparison.Ordinal))
            {
                return phrase.Length > 40 ? phrase[..40].Trim() : phrase;
            }
        }

        return null;
    }

    private static string? FirstText(JsonNode? node) => node switch
    {
        JsonObject o when o["type"]?.ToString() == "TextBlock" && o["text"] is JsonValue v => v.ToString(),
        JsonObject o => o.Where(p => p.Key is not ("actions" or "card")).Select(p => FirstText(p.Value)).FirstOrDefault(t => t is not null),
        JsonArray a => a.Select(FirstText).FirstOrDefault(t => t is not null),
        _ => null,
    };

    [GeneratedRegex("\"draft\":\"([^\"]+)\"")]
    private static partial Regex DraftPattern();

    [GeneratedRegex("\"instance\":\"([^\"]+)\"")]
    private static partial Regex InstancePattern();

    [GeneratedRegex(@"SG-\d{4}-A?\d{4}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("[A-Za-z0-9 ]+")]
    private static partial Regex PlainPhrase();
}
