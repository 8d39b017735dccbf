using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

public class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    /// <summary>The attachment body; a <see cref="JsonElement"/> when read from JSON.</summary>
    public object? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>An Adaptive Card attachment; <paramref name="card"/> is any JSON-serialisable card object.</summary>
    public static Attachment AdaptiveCard(object card) => new() { ContentType = AdaptiveCardContentType, Content = card };
}
