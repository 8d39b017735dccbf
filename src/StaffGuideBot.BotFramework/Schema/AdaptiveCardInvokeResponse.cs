namespace StaffGuideBot.BotFramework.Schema;

/// <summary>The body of an <c>adaptiveCard/action</c> invoke response, in the shape Teams expects.</summary>
public class AdaptiveCardInvokeResponse
{
    public int StatusCode { get; set; } = 200;
    public string Type { get; set; } = Attachment.AdaptiveCardContentType;
    public object? Value { get; set; }

    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public static AdaptiveCardInvokeResponse Card(object card) => new() { Value = card };

    public static AdaptiveCardInvokeResponse Message(string text) => new() { Type = MessageType, Value = text };

    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new() { StatusCode = statusCode, Type = ErrorType, Value = new { code, message } };
}
