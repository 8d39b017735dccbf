using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace StaffGuideBot.BotFramework.Connector;

/// <summary>The Polly pipelines of connector calls: retries with backoff and <c>Retry-After</c>, and a timeout per attempt.</summary>
internal static partial class ConnectorResilience
{
    /// <summary>The name of the connector operation, for the retry log.</summary>
    public static readonly ResiliencePropertyKey<string> OperationKey = new("StaffGuideBot.Connector.Operation");

    /// <summary>Statuses worth another attempt: throttled, precondition raced, gateway trouble, service unavailable.</summary>
    public static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.PreconditionFailed
        or HttpStatusCode.BadGateway
        or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Retries for transient statuses, connection failures (<see cref="HttpRequestException"/>) and attempt timeouts
    /// (<see cref="TimeoutRejectedException"/>). The caller's cancellation is never retried.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> CreateRetryPipeline(ConnectorOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetryAttempts <= 0)
        {
            return builder.Build();
        }

        var maxDelay = options.MaxDelay;
        return builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            MaxDelay = maxDelay,
            ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                .Handle<HttpRequestException>()
                .Handle<TimeoutRejectedException>()
                .HandleResult(response => IsTransient(response.StatusCode)),
            // Polly does not cap what the generator returns, so the Retry-After delay is capped here.
            DelayGenerator = args => ValueTask.FromResult(GetRetryAfterDelay(args.Outcome.Result, timeProvider, maxDelay)),
            OnRetry = args =>
            {
                var operation = args.Context.Properties.GetValue(OperationKey, "connector call");
                var cause = args.Outcome.Result is { } response
                    ? $"HTTP {(int)response.StatusCode}"
                    : args.Outcome.Exception?.GetType().Name ?? "unknown";
                LogRetry(logger, operation, cause, args.AttemptNumber + 1, options.MaxRetryAttempts, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        }).Build();
    }

    /// <summary>A timeout for one attempt (the request and reading its response).</summary>
    public static ResiliencePipeline CreateAttemptTimeoutPipeline(ConnectorOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddTimeout(options.RequestTimeout)
            .Build();

    /// <summary>
    /// The wait a response asks for in <c>Retry-After</c> (seconds or an HTTP date), at most <paramref name="maxDelay"/>;
    /// null when there is none, so the exponential backoff applies.
    /// </summary>
    public static TimeSpan? GetRetryAfterDelay(HttpResponseMessage? response, TimeProvider timeProvider, TimeSpan maxDelay)
    {
        var retryAfter = response?.Headers.RetryAfter;
        if (retryAfter is null)
        {
            return null;
        }

        TimeSpan? delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        if (delay is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > maxDelay ? maxDelay : value;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning,
        Message = "Bot Connector {Operation}: {Cause}; retry {Retry} of {MaxRetries} in {Delay}.")]
    private static partial void LogRetry(ILogger logger, string operation, string cause, int retry, int maxRetries, TimeSpan delay);
}
