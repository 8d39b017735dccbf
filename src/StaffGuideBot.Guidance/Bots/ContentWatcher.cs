using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;

namespace StaffGuideBot.Guidance.Bots;

/// <summary>
/// Loads the content pack at start-up and watches the content folder: a saved change is loaded a moment later (once
/// the editor has finished writing), put live if valid, otherwise refused with the admins told. Start-up fails only
/// when the files are broken and no version has ever been live. Its waits run on the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ContentWatcher : BackgroundService
{
    private readonly ContentLibrary _library;
    private readonly ContentAlerts _alerts;
    private readonly ILogger<ContentWatcher> _logger;

    /// <summary>Set when a reload is due; one pending reload stands for any number of changes.</summary>
    private readonly Channel<bool> _due = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Fires when the folder has been quiet for <see cref="Settle"/>, or when a failed reload is due again.</summary>
    private readonly ITimer _timer;

    private readonly Lock _changesLock = new();
    private long _changes;
    private FileSystemWatcher? _watcher;

    public ContentWatcher(ContentLibrary library, ContentAlerts alerts, TimeProvider clock, ILogger<ContentWatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _library = library;
        _alerts = alerts;
        _logger = logger;
        _timer = clock.CreateTimer(_ => _due.Writer.TryWrite(true), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>How long the folder must be quiet before a change is loaded (editors often write a file in steps).</summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait before trying again when a reload failed for another reason (e.g. storage was down).</summary>
    public static TimeSpan RetryAfterFailure { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Something in the content folder changed (the folder watcher calls this for every event): the pack is reloaded
    /// once no further change has come for <see cref="Settle"/>.
    /// </summary>
    public void FilesChanged()
    {
        lock (_changesLock)
        {
            _changes++;
            _timer.Change(Settle, Timeout.InfiniteTimeSpan);
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var reload = await _library.ReloadAsync(cancellationToken);
        if (reload.Outcome == ContentReloadOutcome.RefusedNew)
        {
            await TellAdminsAsync(reload.Status, cancellationToken);
        }

        var folder = Path.GetDirectoryName(_library.PackFolder);
        if (Directory.Exists(folder))
        {
            _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            _watcher.Changed += (_, _) => FilesChanged();
            _watcher.Created += (_, _) => FilesChanged();
            _watcher.Deleted += (_, _) => FilesChanged();
            _watcher.Renamed += (_, _) => FilesChanged();
            _watcher.Error += (_, _) => FilesChanged();
            _watcher.EnableRaisingEvents = true;
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _due.Reader.WaitToReadAsync(stoppingToken))
        {
            _due.Reader.TryRead(out _);
            var changesBefore = Interlocked.Read(ref _changes);
            if (await TryReloadAsync(stoppingToken) is not { } retryAfter)
            {
                continue;
            }

            lock (_changesLock)
            {
                // A change that came during the reload has already set the timer: it is loaded after a quiet moment.
                if (_changes == changesBefore)
                {
                    _timer.Change(retryAfter, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _timer.Dispose();
        base.Dispose();
    }

    /// <summary>
    /// Null when done; else when to try again: after a quiet moment when a file couldn't be read (still being
    /// written), later after any other failure. A failed reload never stops the bot: the live content stays.
    /// </summary>
    private async Task<TimeSpan?> TryReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reload = await _library.ReloadAsync(cancellationToken);
            if (reload.Outcome == ContentReloadOutcome.RefusedNew)
            {
                await TellAdminsAsync(reload.Status, cancellationToken);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogReadFailed(_logger, ex);
            return Settle;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReloadFailed(_logger, ex);
            return RetryAfterFailure;
        }
    }

    private async Task TellAdminsAsync(ContentStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await _alerts.TellAdminsAsync(status, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telling admins must never stop the bot; the log already has the problems.
            LogAlertFailed(_logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The content files could not be read yet; trying again shortly.")]
    private static partial void LogReadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The content could not be reloaded; the live version stays and it is tried again shortly.")]
    private static partial void LogReloadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content admins could not be told about a refused change.")]
    private static partial void LogAlertFailed(ILogger logger, Exception error);
}
