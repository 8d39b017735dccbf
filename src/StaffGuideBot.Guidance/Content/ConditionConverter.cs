using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Reads a condition whose shape the schema has checked (common.schema.json): all, any, not, or an answer with one test.</summary>
internal sealed class ConditionConverter : JsonConverter<Condition>
{
    public override Condition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        return element.Deserialize<Combinator>(options) switch
        {
            { All: { } all } => new AllCondition(all),
            { Any: { } any } => new AnyCondition(any),
            { Not: { } not } => new NotCondition(not),
            _ => element.Deserialize<AnswerCondition>(options)!,
        };
    }

    public override void Write(Utf8JsonWriter writer, Condition value, JsonSerializerOptions options) => throw new NotSupportedException();

    private sealed record Combinator(List<Condition>? All, List<Condition>? Any, Condition? Not);
}
