using Microsoft.Extensions.Options;

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

/// <summary>Checks <see cref="ConnectorOptions"/> at start-up.</summary>
public sealed class ConnectorOptionsValidator : IValidateOptions<ConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = ConnectorOptions.SectionName + ":";
        if (options.MaxRetryAttempts is < 0 or > 100)
        {
            errors.Add($"{prefix}MaxRetryAttempts must be between 0 and 100.");
        }

        if (options.BaseDelay <= TimeSpan.Zero || options.BaseDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}BaseDelay must be positive and at most one hour.");
        }

        if (options.MaxDelay < options.BaseDelay || options.MaxDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}MaxDelay must be at least BaseDelay and at most one hour.");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(10) || options.RequestTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}RequestTimeout must be between 10 ms and one hour.");
        }

        if (options.MessagesPerSecondPerConversation < 1)
        {
            errors.Add($"{prefix}MessagesPerSecondPerConversation must be at least 1.");
        }

        if (options.MaxQueuedMessagesPerConversation < 0)
        {
            errors.Add($"{prefix}MaxQueuedMessagesPerConversation must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
