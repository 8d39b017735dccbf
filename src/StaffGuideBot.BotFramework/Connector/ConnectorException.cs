namespace StaffGuideBot.BotFramework.Connector;

/// <summary>A connector call that failed for good: its HTTP status and the channel's error code (e.g. <c>BotNotInConversationRoster</c>).</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message) : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ConnectorException(int statusCode, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status, or 0 when no response came (e.g. the service URL was refused or unreachable).</summary>
    public int StatusCode { get; }

    public string? ErrorCode { get; }
}
