using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The live content pack and every version that has been live, so a conversation finishes on the wording it started
/// with, but with the live contacts. A broken change is refused and waits in <see cref="Status"/>. Each version that
/// goes live is kept in storage, for drafts after a restart, audits, and a start when the files on disk are broken.
/// </summary>
public sealed partial class ContentLibrary : IDisposable, IHealthReporter
{
    private const string VersionPrefix = "content/versions/";
    private const string LastGoodPrefix = "content/live/";

    private readonly string _packName;
    private readonly IStorage? _storage;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    /// <summary>
    /// Packs by version (and older versions with the live contacts, by "older version/live version", so each pairing
    /// is built once): bounded, and let go after an hour unused, so years of content edits don't pile up in memory.
    /// A version let go is loaded again from its snapshot when a draft or report still needs it.
    /// </summary>
    private readonly MemoryCache _versions = new(new MemoryCacheOptions { SizeLimit = 64 });

    private static readonly MemoryCacheEntryOptions KeptWhileUsed = new() { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) };
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile ContentStatus? _status;

    public ContentLibrary(ContentOptions options, string contentRoot, IStorage storage, TimeProvider clock, ILogger<ContentLibrary> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        PackFolder = options.ResolvePackFolder(contentRoot);
        _packName = options.Pack;
        _storage = storage;
        _clock = clock;
        _logger = logger;
    }

    private ContentLibrary(ContentPack pack, TimeProvider clock)
    {
        PackFolder = string.Empty;
        _packName = pack.Id;
        _clock = clock;
        _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _versions.Set(pack.Version, pack, KeptWhileUsed);
        _status = new ContentStatus(pack, clock.GetUtcNow(), null);
    }

    /// <summary>A library that only ever has <paramref name="pack"/> (for tools and tests that work on one pack).</summary>
    public static ContentLibrary Of(ContentPack pack, TimeProvider? clock = null) => new(pack, clock ?? TimeProvider.System);

    public void Dispose()
    {
        _gate.Dispose();
        _versions.Dispose();
    }

    string IHealthReporter.Name => "content";

    /// <summary>The folder of the configured pack (empty for <see cref="Of"/>).</summary>
    public string PackFolder { get; }

    /// <summary>What is live and what is waiting; throws until the first <see cref="ReloadAsync"/> has succeeded.</summary>
    public ContentStatus Status => _status ?? throw new InvalidOperationException("The content pack has not been loaded yet.");

    /// <summary>The pack new conversations use.</summary>
    public ContentPack Live => Status.Live;

    private string ContentFolder => Path.GetDirectoryName(PackFolder)!;

    /// <summary>The <c>content</c> section of <c>GET /healthz</c>, with the ids of the contacts still holding samples.</summary>
    public JsonNode Describe() => _status is not { } status
        ? new JsonObject { ["pack"] = _packName, ["version"] = null }
        : new JsonObject
        {
            ["pack"] = status.Live.Id,
            ["version"] = status.Live.Version,
            ["loadedAt"] = status.LoadedAt.ToString("O", CultureInfo.InvariantCulture),
            ["pendingSince"] = status.Pending?.Since.ToString("O", CultureInfo.InvariantCulture),
            ["pendingErrors"] = Strings((status.Pending?.Problems ?? []).Select(p => p.ToString())),
            ["sampleContacts"] = Strings(SampleContacts(status.Live)),
        };

    /// <summary>The pack of a draft's or report's <paramref name="version"/> with the live contacts; the live pack when the version is empty or unknown.</summary>
    public async Task<ContentPack> ForAsync(string? version, CancellationToken cancellationToken = default)
    {
        var live = Live;
        if (string.IsNullOrEmpty(version) || version == live.Version)
        {
            return live;
        }

        var pinned = (_versions.TryGetValue(version, out ContentPack? kept) ? kept : null) ?? await SnapshotAsync(version, cancellationToken);
        if (pinned is null)
        {
            LogVersionMissing(_logger, version, live.Version);
            return live;
        }

        return _versions.GetOrCreate($"{version}/{live.Version}", entry =>
        {
            entry.SetOptions(KeptWhileUsed);
            return pinned.WithContacts(live.Contacts.Over(pinned.Contacts));
        })!;
    }

    /// <summary>Reads the pack's files again; throws <see cref="ContentPackException"/> when they are broken and no version has ever been live.</summary>
    public async Task<ContentReload> ReloadAsync(CancellationToken cancellationToken = default)
    {
        if (_storage is null)
        {
            return new ContentReload(ContentReloadOutcome.Unchanged, Status);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var files = ContentFiles.OnDisk(ContentFolder);
            var (pack, problems) = ContentPackLoader.TryLoad(files, _packName, PackFolder);
            var now = _clock.GetUtcNow();
            if (pack is not null && _status?.Live.Version == pack.Version)
            {
                var outcome = _status.Pending is null ? ContentReloadOutcome.Unchanged : ContentReloadOutcome.Live; // a refused change was put right
                _status = _status with { Pending = null };
                return new ContentReload(outcome, _status);
            }

            if (pack is not null)
            {
                await _storage.WriteAsync(
                    new Dictionary<string, StoreItem>
                    {
                        [VersionPrefix + pack.Version] = new(files.ToJson(), StoreItem.AnyETag),
                        [LastGoodPrefix + _packName] = new(new JsonObject { ["version"] = pack.Version }, StoreItem.AnyETag),
                    },
                    cancellationToken);
                _versions.Set(pack.Version, pack, KeptWhileUsed);
                LogLive(_logger, pack.Id, pack.Version);
                WarnOfSampleContacts(pack);
                _status = new ContentStatus(pack, now, null);
                return new ContentReload(ContentReloadOutcome.Live, _status);
            }

            _status ??= new ContentStatus(await LastGoodAsync(cancellationToken) ?? throw new ContentPackException(PackFolder, problems), now, null);
            if (_status.Pending?.Fingerprint == files.Fingerprint)
            {
                return new ContentReload(ContentReloadOutcome.RefusedAgain, _status);
            }

            var pending = new PendingContent(files.Fingerprint, [.. problems.Where(p => p.IsError).Select(InContentFolder)], now);
            _status = _status with { Pending = pending };
            LogRefused(_logger, _packName, pending.Problems.Count, _status.Live.Version, string.Join('\n', pending.Problems));
            return new ContentReload(ContentReloadOutcome.RefusedNew, _status);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The problem with its file named from the content folder ("scotland/flow.yaml", "england/texts.yaml"), so an admin knows which pack's file to open.</summary>
    private ContentProblem InContentFolder(ContentProblem problem) =>
        Path.IsPathRooted(problem.File)
            ? problem
            : problem with { File = Path.GetRelativePath(ContentFolder, Path.GetFullPath(problem.File, PackFolder)).Replace('\\', '/') };

    /// <summary>The pack of <paramref name="version"/> loaded from its snapshot in storage; null when there is none.</summary>
    private async Task<ContentPack?> SnapshotAsync(string version, CancellationToken cancellationToken)
    {
        if (await ReadAsync(VersionPrefix + version, cancellationToken) is not { } snapshot
            || ContentPackLoader.TryLoad(ContentFiles.FromJson(snapshot), _packName, PackFolder).Pack is not { } pack || pack.Version != version)
        {
            return null;
        }

        return _versions.GetOrCreate(version, entry =>
        {
            entry.SetOptions(KeptWhileUsed);
            return pack;
        })!;
    }

    private async Task<ContentPack?> LastGoodAsync(CancellationToken cancellationToken)
    {
        var version = (await ReadAsync(LastGoodPrefix + _packName, cancellationToken))?["version"]?.GetValue<string>();
        if (version is null || await SnapshotAsync(version, cancellationToken) is not { } pack)
        {
            return null;
        }

        LogStartedOnLastGood(_logger, pack.Id, pack.Version);
        WarnOfSampleContacts(pack);
        return pack;
    }

    private async Task<JsonObject?> ReadAsync(string key, CancellationToken cancellationToken) =>
        _storage is not null && (await _storage.ReadAsync([key], cancellationToken)).TryGetValue(key, out var item) ? item.Document : null;

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    /// <summary>The ids of the school and local contacts still holding the pack's samples, in file order.</summary>
    private static List<string> SampleContacts(ContentPack pack) => [.. pack.Contacts.All.Where(c => c.IsSample).Select(c => c.Id)];

    private void WarnOfSampleContacts(ContentPack pack)
    {
        if (SampleContacts(pack) is { Count: > 0 } ids)
        {
            LogSampleContacts(_logger, pack.Id, ids.Count, string.Join(", ", ids));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content pack '{Pack}' still has {Count} sample contact(s) in contacts.yaml: {Ids}. Staff are told to ask the school office instead of being given these numbers; fill them in.")]
    private static partial void LogSampleContacts(ILogger logger, string pack, int count, string ids);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content pack '{Pack}' version {Version} is live.")]
    private static partial void LogLive(ILogger logger, string pack, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "A change to content pack '{Pack}' was refused with {Count} error(s); version {Version} stays live. Fix these and save again:\n{Problems}")]
    private static partial void LogRefused(ILogger logger, string pack, int count, string version, string problems);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The files of content pack '{Pack}' are broken; starting on the last good version {Version} kept in storage.")]
    private static partial void LogStartedOnLastGood(ILogger logger, string pack, string version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Content version {Version} is not available (no snapshot); using the live version {Live} instead.")]
    private static partial void LogVersionMissing(ILogger logger, string version, string live);
}
