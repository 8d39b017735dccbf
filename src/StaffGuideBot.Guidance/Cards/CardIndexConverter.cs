using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>
/// Reads a list position (0 = the first) that a button sent as a number or as text; anything else (negative, a
/// fraction, words) reads as no position.
/// </summary>
internal sealed class CardIndexConverter : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt32(out var number) && number >= 0 ? number : null;
            case JsonTokenType.String:
                return int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } index)
        {
            writer.WriteNumberValue(index);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
