namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// When a failed delivery is tried again. The schedule is stored on the case (attempts, next attempt), so it outlives
/// a restart and drives the "phone the DSL" warning; the connector's own in-call retries (429, 5xx, Retry-After) are
/// Polly's, inside <see cref="BotFramework.Connector.ConnectorClient"/>.
/// </summary>
public static class DeliveryBackoff
{
    /// <summary>The first retry's delay (before jitter); it doubles each time up to <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan FirstRetryDelay { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The wait before attempt <paramref name="attempts"/> + 1: <see cref="FirstRetryDelay"/> doubled per failure,
    /// at most <see cref="MaxRetryDelay"/>, then spread by ±20 % (<paramref name="jitter"/> in [0, 1)) so retries
    /// of many reports do not arrive together; never more than the cap.
    /// </summary>
    public static TimeSpan RetryDelay(int attempts, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var baseDelay = Math.Min(FirstRetryDelay.TotalSeconds * Math.Pow(2, exponent), MaxRetryDelay.TotalSeconds);
        var spread = baseDelay * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1)));
        return TimeSpan.FromSeconds(Math.Min(spread, MaxRetryDelay.TotalSeconds));
    }
}
