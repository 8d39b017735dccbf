using System.Globalization;
using StaffGuideBot.BotFramework.Connector;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>A short code for a failed connector call, for the case history and the log (never a message, which can quote content).</summary>
public static class DeliveryErrorCode
{
    public static string Of(Exception ex) => ex switch
    {
        ConnectorException { ErrorCode: { Length: > 0 } code } => code,
        ConnectorException { StatusCode: > 0 } connector => string.Create(CultureInfo.InvariantCulture, $"HTTP{connector.StatusCode}"),
        ConnectorException => "NoResponse",
        _ => ex.GetType().Name,
    };
}
