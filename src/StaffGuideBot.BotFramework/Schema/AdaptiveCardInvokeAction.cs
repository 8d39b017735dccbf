using System.Text.Json;

namespace StaffGuideBot.BotFramework.Schema;

public class AdaptiveCardInvokeAction
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }
    public JsonElement Data { get; set; }
    public string? Title { get; set; }
}
