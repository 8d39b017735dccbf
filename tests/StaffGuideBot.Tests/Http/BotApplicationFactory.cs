using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Moq;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Tests.Http;

/// <summary>
/// The real host in memory: real routing, authentication, adapter and bot; the connector is a mock that records
/// what would have gone to Teams; every log line is captured so tests can check what is (not) written. Unless a test
/// places the state itself (<c>Storage:SqlitePath</c> or <c>Storage:KeysPath</c>), the key ring goes in a folder of its
/// own under the test binaries (<c>test-keys/</c>), removed on dispose; not in the source tree
/// (<c>src/StaffGuideBot/data/keys</c>, where the bot's own would go).
/// </summary>
public sealed class BotApplicationFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string? _keys;

    public BotApplicationFactory(Dictionary<string, string?>? settings = null, IPAddress? remoteAddress = null)
    {
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Memory",
            ["MicrosoftAppId"] = string.Empty,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        if (!_settings.ContainsKey("Storage:SqlitePath") && !_settings.ContainsKey("Storage:KeysPath"))
        {
            _keys = Path.Combine(AppContext.BaseDirectory, "test-keys", Guid.NewGuid().ToString("N"));
            _settings["Storage:KeysPath"] = _keys;
        }

        RemoteAddress = remoteAddress ?? IPAddress.Loopback;
        Connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("sent-1"));
        Connector.Setup(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("reply-1"));
    }

    public Mock<IConnectorClient> Connector { get; } = new();

    public IPAddress RemoteAddress { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Replace a service (e.g. the bot) before the host starts.</summary>
    public Action<IServiceCollection>? ConfigureServicesForTest { get; set; }

    /// <summary>The bot's clock (a <c>FakeTimeProvider</c> the test moves); the system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        // Also as host settings, which Program reads before the host is built (as it reads command-line settings).
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IConnectorClient>();
            services.AddSingleton(Connector.Object);
            services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(RemoteAddress));
            if (Clock is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(Clock);
            }

            ConfigureServicesForTest?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _keys is not null && Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    private sealed class RemoteAddressStartupFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
