using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Remembers whether the last write to the store failed, so that <see cref="IsReadyAsync"/> (the health endpoint)
/// reports a store that can be read but not written (a full disk, a read-only file) as not ready. While writes are
/// failing, each readiness check tries one small write of its own, so the store is reported ready again as soon as
/// writes work, even if no user writes in between. A failed write or delete is rethrown as
/// <see cref="StorageUnavailableException"/> (concurrency conflicts and cancellations pass through unchanged).
/// </summary>
public sealed class HealthTrackingStorage(IStorage inner) : IStorage
{
    /// <summary>The key of the readiness check's own document: a time, nothing else.</summary>
    public const string ProbeKey = "health/write-probe";

    private volatile bool _writesFailing;

    public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(keys, cancellationToken);

    public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default) =>
        TrackAsync(() => inner.WriteAsync(changes, cancellationToken));

    public async Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default)
    {
        long next = 0;
        await TrackAsync(async () => next = await inner.IncrementAsync(key, floor, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return next;
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        TrackAsync(() => inner.DeleteAsync(keys, cancellationToken));

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.ListKeysAsync(prefix, cancellationToken);

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        if (!await inner.IsReadyAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        if (!_writesFailing)
        {
            return true;
        }

        try
        {
            var probe = new StoreItem(new JsonObject { ["checkedAt"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() }, StoreItem.AnyETag);
            await WriteAsync(new Dictionary<string, StoreItem> { [ProbeKey] = probe }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    private async Task TrackAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (StorageConcurrencyException or OperationCanceledException or ArgumentException))
        {
            _writesFailing = true;
            if (ex is StorageUnavailableException)
            {
                throw;
            }

            throw new StorageUnavailableException(ex);
        }

        _writesFailing = false;
    }
}
