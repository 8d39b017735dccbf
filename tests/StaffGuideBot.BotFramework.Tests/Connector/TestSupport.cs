using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Connector;

namespace StaffGuideBot.BotFramework.Tests.Connector;

/// <summary>Builds the connector the way the host does (<see cref="ConnectorServiceCollectionExtensions.AddBotConnector"/>), with fast test delays.</summary>
internal static class ConnectorTestHost
{
    public static ServiceProvider Build(
        IDictionary<string, string?>? settings = null,
        IAccessTokenProvider? tokenProvider = null,
        ListLoggerProvider? logs = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Connector:BaseDelay"] = "00:00:00.010",
            ["Connector:MaxDelay"] = "00:00:00.050",
            ["Connector:RequestTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            builder.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        if (tokenProvider is not null)
        {
            services.AddSingleton(tokenProvider);
        }

        services.AddBotConnector(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

/// <summary>A token provider that always has the same token, and counts how often it was asked.</summary>
internal sealed class FixedTokenProvider(string? token) : IAccessTokenProvider
{
    private int _calls;

    public int Calls => _calls;

    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(token);
    }
}

internal sealed class ThrowingTokenProvider : IAccessTokenProvider
{
    public Task<string?> GetAccessTokenAsync(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("Entra said no");
}

/// <summary>Keeps every log line (with its formatted message) so tests can check what is and is not logged.</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _entries = new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class ListLogger(string category, ConcurrentQueue<(string, LogLevel, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
                : string.Empty;
            entries.Enqueue((category, logLevel, formatter(state, exception) + " " + structured + " " + exception));
        }
    }
}
