using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Loads the content pack at start-up and watches the content folder: a saved change is loaded a moment later (once
/// the editor has finished writing), put live if valid, otherwise refused with the admins told. Start-up fails only
/// when the files are broken and no version has ever been live.
/// </summary>
public sealed partial class ContentWatcher(ContentLibrary library, ContentAlerts alerts, ILogger<ContentWatcher> logger) : BackgroundService
{
    /// <summary>How long the folder must be quiet before a change is loaded (editors often write a file in steps).</summary>
    public static TimeSpan Settle { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long to wait before trying again when a reload failed for another reason (e.g. storage was down).</summary>
    public static TimeSpan RetryAfterFailure { get; } = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _changed = new(0);
    private FileSystemWatcher? _watcher;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var reload = await library.ReloadAsync(cancellationToken);
        if (reload.Outcome == ContentReloadOutcome.RefusedNew)
        {
            await TellAdminsAsync(reload.Status, cancellationToken);
        }

        var folder = Path.GetDirectoryName(library.PackFolder);
        if (Directory.Exists(folder))
        {
            _watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            _watcher.Changed += (_, _) => Signal();
            _watcher.Created += (_, _) => Signal();
            _watcher.Deleted += (_, _) => Signal();
            _watcher.Renamed += (_, _) => Signal();
            _watcher.Error += (_, _) => Signal();
            _watcher.EnableRaisingEvents = true;
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _changed.WaitAsync(stoppingToken);
            while (true)
            {
                // Wait until no more changes arrive for a moment, then load once.
                while (await _changed.WaitAsync(Settle, stoppingToken))
                {
                }

                if (await TryReloadAsync(stoppingToken) is not { } retryAfter)
                {
                    break;
                }

                await _changed.WaitAsync(retryAfter, stoppingToken); // or sooner, when the files change again
            }
        }
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
        base.Dispose();
    }

    private void Signal() => _changed.Release();

    /// <summary>
    /// Null when done; else when to try again: at once after a quiet moment when a file couldn't be read (still being
    /// written), later after any other failure. A failed reload never stops the bot: the live content stays.
    /// </summary>
    private async Task<TimeSpan?> TryReloadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reload = await library.ReloadAsync(cancellationToken);
            if (reload.Outcome == ContentReloadOutcome.RefusedNew)
            {
                await TellAdminsAsync(reload.Status, cancellationToken);
            }

            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogReadFailed(logger, ex);
            return TimeSpan.Zero;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReloadFailed(logger, ex);
            return RetryAfterFailure;
        }
    }

    private async Task TellAdminsAsync(ContentStatus status, CancellationToken cancellationToken)
    {
        try
        {
            await alerts.TellAdminsAsync(status, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Telling admins must never stop the bot; the log already has the problems.
            LogAlertFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The content files could not be read yet; trying again shortly.")]
    private static partial void LogReadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The content could not be reloaded; the live version stays and it is tried again shortly.")]
    private static partial void LogReloadFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content admins could not be told about a refused change.")]
    private static partial void LogAlertFailed(ILogger logger, Exception error);
}
