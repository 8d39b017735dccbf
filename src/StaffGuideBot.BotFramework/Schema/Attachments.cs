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

/// <summary>An entity on an activity: its <see cref="Type"/> plus whatever fields it carries.</summary>
public class Entity
{
    public string? Type { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads the whole entity as <typeparamref name="T"/> (e.g. <see cref="Mention"/>).</summary>
    public T? As<T>() where T : class => BotJson.ConvertOrDefault<T>(this);
}

public class Mention
{
    public string Type { get; set; } = "mention";
    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }
}

/// <summary>The body of an HTTP response to a <c>deliveryMode: expectReplies</c> request.</summary>
public class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = [];
}

/// <summary>What the bot answers to an invoke activity: an HTTP status and an optional body.</summary>
public class InvokeResponse
{
    public int Status { get; set; }
    public object? Body { get; set; }
}

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

/// <summary>The value of an <c>adaptiveCard/action</c> invoke.</summary>
public class AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; set; }
    public string? Trigger { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }
}

public class AdaptiveCardInvokeAction
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public string? Verb { get; set; }
    public JsonElement Data { get; set; }
    public string? Title { get; set; }
}
