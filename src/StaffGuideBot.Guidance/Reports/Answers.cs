using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The answers of one report, by question id. Serialises with System.Text.Json as a plain JSON object, so it can live
/// in conversation state and in stored reports:
/// <code>{ "immediate_danger": "no", "seen_copy": true, "children": [ { "name": "AB", "age": 12, "role": ["shown"] } ] }</code>
/// A value is text (choice, yesno and text answers), a number, true/false (toggle), a date ("2026-11-21"), a time
/// ("15:30"), a list of texts (multichoice) or, for a repeat step, a list of items, each its own answers.
/// </summary>
[JsonConverter(typeof(AnswersJsonConverter))]
public sealed class Answers
{
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    private readonly JsonObject _values;

    public Answers()
        : this(new JsonObject())
    {
    }

    private Answers(JsonObject values) => _values = values;

    /// <summary>The ids with a value (answered or not), in the order they were first set.</summary>
    public IReadOnlyList<string> QuestionIds => _values.Select(p => p.Key).ToList();

    /// <summary>Answers from their JSON form (a copy: later changes to <paramref name="json"/> do not affect them).</summary>
    public static Answers FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new Answers((JsonObject)json.DeepClone());
    }

    /// <summary>The JSON form (a copy).</summary>
    public JsonObject ToJson() => (JsonObject)_values.DeepClone();

    public Answers Clone() => new((JsonObject)_values.DeepClone());

    /// <summary>True when the question has an answer: not missing, not blank text, not an empty list.</summary>
    public bool IsAnswered(string questionId) => HasValue(Raw(questionId));

    public string? GetText(string questionId) =>
        Raw(questionId) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>A number answer (a number, or text that is a number).</summary>
    public decimal? GetNumber(string questionId) => Number(Raw(questionId));

    public bool? GetBool(string questionId) => Raw(questionId)?.GetValueKind() switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    public DateOnly? GetDate(string questionId) =>
        DateOnly.TryParseExact(GetText(questionId), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public TimeOnly? GetTime(string questionId) =>
        TimeOnly.TryParseExact(GetText(questionId), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    /// <summary>The values chosen for a multichoice question; empty when unanswered.</summary>
    public IReadOnlyList<string> GetChoices(string questionId) =>
        Raw(questionId) is JsonArray array
            ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList()
            : [];

    /// <summary>The items of a repeat step (copies: change one and set them back with <see cref="SetItems"/>).</summary>
    public IReadOnlyList<Answers> GetItems(string repeatStepId) => Items(repeatStepId).Select(i => i.Clone()).ToList();

    /// <summary>Sets a text answer (choice value, yes/no/unsure, text); null removes the answer.</summary>
    public void Set(string questionId, string? value) => Put(questionId, value is null ? null : JsonValue.Create(value));

    public void Set(string questionId, decimal? value) => Put(questionId, value is null ? null : JsonValue.Create(value.Value));

    public void Set(string questionId, bool? value) => Put(questionId, value is null ? null : JsonValue.Create(value.Value));

    public void Set(string questionId, DateOnly? value) =>
        Put(questionId, value is null ? null : JsonValue.Create(value.Value.ToString(DateFormat, CultureInfo.InvariantCulture)));

    /// <summary>Sets a time answer, as "HH:mm" (with seconds only when they are not zero).</summary>
    public void Set(string questionId, TimeOnly? value) =>
        Put(questionId, value is null ? null : JsonValue.Create(value.Value.ToString(value.Value.Second == 0 && value.Value.Millisecond == 0 ? TimeFormats[0] : TimeFormats[1], CultureInfo.InvariantCulture)));

    /// <summary>Sets a multichoice answer; null removes it.</summary>
    public void SetChoices(string questionId, IEnumerable<string>? values) =>
        Put(questionId, values is null ? null : new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()));

    /// <summary>Sets the items of a repeat step (copied); null removes them.</summary>
    public void SetItems(string repeatStepId, IEnumerable<Answers>? items) =>
        Put(repeatStepId, items is null ? null : new JsonArray(items.Select(i => (JsonNode?)i.ToJson()).ToArray()));

    /// <summary>Adds an item (copied) to a repeat step's items.</summary>
    public void AddItem(string repeatStepId, Answers item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Raw(repeatStepId) is not JsonArray items)
        {
            items = [];
            Put(repeatStepId, items);
        }

        items.Add(item.ToJson());
    }

    public bool Remove(string questionId) => _values.Remove(questionId);

    /// <summary>The stored value as it is (not a copy), for evaluation.</summary>
    internal JsonNode? Raw(string questionId)
    {
        ArgumentNullException.ThrowIfNull(questionId);
        return _values.TryGetPropertyValue(questionId, out var node) ? node : null;
    }

    /// <summary>The items of a repeat step as views over the stored values (not copies), for evaluation.</summary>
    internal IEnumerable<Answers> Items(string repeatStepId) =>
        Raw(repeatStepId) is JsonArray array ? array.OfType<JsonObject>().Select(o => new Answers(o)) : [];

    internal static bool HasValue(JsonNode? node) => node switch
    {
        null => false,
        JsonArray array => array.Count > 0,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => !IsBlank(value),
        JsonValue value => value.GetValueKind() is not JsonValueKind.Null and not JsonValueKind.Undefined,
        _ => true,
    };

    /// <summary>
    /// Whether a string answer is <paramref name="expected"/>, read where it lies: an answer read from storage is kept
    /// as UTF-8 and <see cref="JsonValue.GetValue{T}"/> would decode a new string on every test.
    /// </summary>
    internal static bool TextEquals(JsonValue value, string expected) =>
        value.TryGetValue<JsonElement>(out var element) ? element.ValueEquals(expected) : string.Equals(value.GetValue<string>(), expected, StringComparison.Ordinal);

    private static bool IsBlank(JsonValue value)
    {
        if (!value.TryGetValue<JsonElement>(out var element))
        {
            return string.IsNullOrWhiteSpace(value.GetValue<string>());
        }

        // The raw UTF-8 between the quotes: the first plain ASCII character that isn't white space settles it without
        // decoding; an escape or a non-ASCII character is decoded to be judged.
        foreach (var b in System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element)[1..^1])
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                continue;
            }

            return b < 0x80 && b != (byte)'\\' ? false : string.IsNullOrWhiteSpace(element.GetString());
        }

        return true;
    }

    internal static decimal? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            // Any JSON number, however it was created (int, decimal, or parsed from text).
            JsonValueKind.Number when decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private void Put(string questionId, JsonNode? node)
    {
        ArgumentException.ThrowIfNullOrEmpty(questionId);
        if (node is null)
        {
            _values.Remove(questionId);
        }
        else
        {
            _values[questionId] = node;
        }
    }

    private sealed class AnswersJsonConverter : JsonConverter<Answers>
    {
        public override Answers Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonNode.Parse(ref reader) is JsonObject values
                ? new Answers(values)
                : throw new JsonException("Answers must be a JSON object of question id to answer.");

        public override void Write(Utf8JsonWriter writer, Answers value, JsonSerializerOptions options) =>
            value._values.WriteTo(writer, options);
    }
}
