using System.Globalization;
using System.Text.Json.Nodes;

namespace StaffGuideBot.LoadTest;

/// <summary>
/// Answers a card as a member of staff making a report would: fills every input with something plausible and presses
/// the button that moves the report on. It reads what the card offers (its inputs and its buttons' data), not a
/// script, so it keeps working when the content changes.
/// </summary>
internal static class CardAnswerer
{
    /// <summary>The text typed into every free-text box.</summary>
    public const string TypedText = "Load test: what the member of staff was told, in their own words.";

    /// <summary>
    /// The submission for the newest card among <paramref name="cards"/> that has a button moving the report on
    /// (the button's data with the inputs' values); null when none has one.
    /// </summary>
    public static JsonObject? Answer(IReadOnlyList<JsonObject> cards, DateOnly today)
    {
        for (var i = cards.Count - 1; i >= 0; i--)
        {
            if (BestAction(cards[i]) is { } data)
            {
                var value = data.DeepClone().AsObject();
                foreach (var (id, input) in Inputs(cards[i], today))
                {
                    value[id] = input;
                }

                return value;
            }
        }

        return null;
    }

    /// <summary>The data of the button that moves a report on most directly; null when the card has none.</summary>
    internal static JsonObject? BestAction(JsonObject card) =>
        Actions(card)
            .Select(a => (Data: a["data"] as JsonObject, Rank: a["data"] is JsonObject d ? Rank(d) : 0))
            .Where(a => a.Rank > 0)
            .OrderByDescending(a => a.Rank)
            .Select(a => a.Data)
            .FirstOrDefault();

    /// <summary>How much a button's data moves a report on (0: never press it: edit, cancel, start again, help…).</summary>
    internal static int Rank(JsonObject data)
    {
        if (Text(data, "menu") == "report")
        {
            return 100;
        }

        var no = Text(data, "answer") == "no" ? 5 : 0;
        return Text(data, "action") switch
        {
            "send" => 90,
            "submit" => 80,
            "answer" or "another" => 70 + no,
            "confirm" or "continue" => 60,
            _ => 0,
        };
    }

    /// <summary>A value for every input of the card: kept when it has one, else something a person would give.</summary>
    internal static IEnumerable<(string Id, string Value)> Inputs(JsonObject card, DateOnly today)
    {
        foreach (var input in Elements(card["body"]).Where(e => Text(e, "type")?.StartsWith("Input.", StringComparison.Ordinal) == true && Text(e, "id") is not null))
        {
            var id = Text(input, "id")!;
            var given = input["value"]?.ToString();
            var value = Text(input, "type") switch
            {
                _ when !string.IsNullOrEmpty(given) => given,
                "Input.ChoiceSet" => Choose(input),
                "Input.Number" => Number(input),
                "Input.Date" => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "Input.Time" => "10:15",
                "Input.Toggle" => null,
                _ => id.Contains("name", StringComparison.OrdinalIgnoreCase) ? "A.B." : TypedText,
            };
            if (!string.IsNullOrEmpty(value))
            {
                yield return (id, value);
            }
        }
    }

    /// <summary>"No" where it is offered (the shortest honest path), else "none known", else the first choice.</summary>
    private static string? Choose(JsonObject input)
    {
        var values = (input["choices"] as JsonArray ?? []).OfType<JsonObject>().Select(c => Text(c, "value")).OfType<string>().ToList();
        return values.FirstOrDefault(v => v == "no") ?? values.FirstOrDefault(v => v == "none_known") ?? values.FirstOrDefault();
    }

    private static string Number(JsonObject input)
    {
        var max = input["max"]?.GetValue<double>() ?? double.MaxValue;
        var min = input["min"]?.GetValue<double>() ?? double.MinValue;
        return Math.Clamp(14, min, max).ToString(CultureInfo.InvariantCulture);
    }

    private static IEnumerable<JsonObject> Actions(JsonObject card) =>
        (card["actions"] as JsonArray ?? []).OfType<JsonObject>()
            .Concat(Elements(card["body"]).Where(e => Text(e, "type") == "ActionSet").SelectMany(e => (e["actions"] as JsonArray ?? []).OfType<JsonObject>()))
            .Where(a => Text(a, "type") == "Action.Submit");

    /// <summary>Every element of a card body, depth first, not looking inside a ShowCard's own card.</summary>
    private static IEnumerable<JsonObject> Elements(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.Where(p => p.Key is not ("card" or "actions" or "selectAction")).SelectMany(p => Elements(p.Value))),
        JsonArray a => a.SelectMany(Elements),
        _ => [],
    };

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
