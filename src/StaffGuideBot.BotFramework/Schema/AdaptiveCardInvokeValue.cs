using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

/// <summary>The value of an <c>adaptiveCard/action</c> invoke.</summary>
public class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }
    public string? Trigger { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}
