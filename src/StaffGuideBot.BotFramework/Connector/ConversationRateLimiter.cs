using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace StaffGuideBot.BotFramework.Connector;

/// <summary>
/// Paces the activities sent to each conversation (a token bucket per conversation id, with a queue), so a burst
/// waits for its turn instead of meeting Teams' per-thread limit as 429s. One instance per process.
/// </summary>
public sealed class ConversationRateLimiter : IDisposable, IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public ConversationRateLimiter(IOptions<ConnectorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var perSecond = Math.Max(1, value.MessagesPerSecondPerConversation);
        var queueLimit = Math.Max(0, value.MaxQueuedMessagesPerConversation);
        _limiter = PartitionedRateLimiter.Create<string, string>(conversationId =>
            RateLimitPartition.GetTokenBucketLimiter(conversationId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = queueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }),
            StringComparer.Ordinal);
    }

    /// <summary>Waits until one more activity may be sent to <paramref name="conversationId"/>.</summary>
    /// <exception cref="ConnectorException">The conversation's queue is full (<c>RateLimitQueueFull</c>).</exception>
    public async ValueTask WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        using var lease = await _limiter.AcquireAsync(conversationId, 1, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new ConnectorException(0, "RateLimitQueueFull",
                "Too many activities are waiting to be sent to this conversation; the send was not attempted.");
        }
    }

    public void Dispose() => _limiter.Dispose();

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
