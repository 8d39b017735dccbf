using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>
/// Background work done every <see cref="Period"/> on a <see cref="TimeProvider"/> (so tests move time themselves):
/// one <see cref="RunOnceAsync"/> per tick, and at once when <see cref="Wake"/> is called, never two at a time. A tick
/// that throws is logged (its exception type only: a message can quote report content) and the next tick comes as usual.
/// </summary>
public abstract partial class PeriodicBackgroundService : BackgroundService
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected PeriodicBackgroundService(TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _clock = clock;
        _logger = logger;
    }

    /// <summary>The clock the ticks follow, for the subclass's own notion of now.</summary>
    protected TimeProvider Clock => _clock;

    /// <summary>The subclass's logger.</summary>
    protected ILogger Logger => _logger;

    /// <summary>The time between ticks.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>What one tick does, for the log when it fails (a fixed phrase such as "A DSL delivery pass").</summary>
    protected abstract string WorkName { get; }

    /// <summary>True to run once as soon as the service starts, before the first period has passed.</summary>
    protected virtual bool RunAtStart => false;

    /// <summary>Asks for a tick now (e.g. new work just arrived); returns at once. Wakes while a tick runs make one more.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>One tick's work.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, _clock);
        Task<bool>? tick = null;
        Task<bool>? wake = null;
        try
        {
            if (RunAtStart)
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                // Whichever comes first: the next tick, or a wake. The other wait is kept for the next round.
                tick ??= timer.WaitForNextTickAsync(stoppingToken).AsTask();
                wake ??= _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
                var first = await Task.WhenAny(tick, wake).ConfigureAwait(false);
                if (!await first.ConfigureAwait(false))
                {
                    return;
                }

                if (first == tick)
                {
                    tick = null;
                }
                else
                {
                    _wake.Reader.TryRead(out _);
                    wake = null;
                }

                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogTickFailed(_logger, WorkName, ex.GetType().Name, Period);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed ({Reason}); it runs again in {Period}")]
    private static partial void LogTickFailed(ILogger logger, string work, string reason, TimeSpan period);
}
