namespace StaffGuideBot.BotFramework.Connector;

/// <summary>Retries, timeouts and throttling of Bot Connector calls (configuration section <c>Connector</c>).</summary>
public sealed class ConnectorOptions
{
    public const string SectionName = "Connector";

    /// <summary>Retries after the first attempt for 429, 412, 502, 503, 504, connection failures and timeouts (0 = none).</summary>
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>The first backoff delay; later ones grow exponentially with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts, also for a longer <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it counts as a timeout (and is retried).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Activities sent per second to one conversation (Teams allows about 7 per thread); a burst waits its turn.</summary>
    public int MessagesPerSecondPerConversation { get; set; } = 7;

    /// <summary>How many activities may wait for one conversation before further sends fail with <c>RateLimitQueueFull</c>.</summary>
    public int MaxQueuedMessagesPerConversation { get; set; } = 1000;
}
