namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency, with the ETag rules of Bot Builder's and the
/// Microsoft 365 Agents SDK's stores. On write, an item's <see cref="StoreItem.ETag"/> decides what is allowed:
/// <c>null</c> or <see cref="StoreItem.AnyETag"/> (<c>"*"</c>) writes whatever is there (last write wins);
/// <see cref="StoreItem.CreateOnly"/> creates the item and fails if it already exists (the Agents SDK's
/// <c>StorageWriteOptions.IfNotExists</c>, here per item so no wrapper can drop it);
/// any other value succeeds only if it is the stored item's current ETag.
/// A refused write throws <see cref="StorageConcurrencyException"/> and changes nothing, so no write is silently lost.
/// After a successful write each item's ETag is set to its new value.
/// To change an item with a retry on conflict, use <see cref="StorageExtensions.UpdateAsync"/>.
/// </summary>
public interface IStorage
{
    /// <summary>The stored items among <paramref name="keys"/>; missing keys are simply absent.</summary>
    Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes all items, or none of them when any ETag check fails.</summary>
    Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// The keys that start with <paramref name="prefix"/> (ordinal, case-sensitive), in ordinal order: how a set of
    /// per-item records (e.g. one per open case) is found without a shared document that every change rewrites.
    /// </summary>
    Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds one to the counter <paramref name="key"/> in one step, however many callers ask at once, and returns the
    /// new value: one more than the larger of the stored value and <paramref name="floor"/> (a counter carried over
    /// from elsewhere starts above it). The counter is stored as <c>{ "last": n }</c>, a number and nothing else, so it
    /// is never encrypted (<see cref="ProtectedStorage"/> reads such a document as it is). The one hot key the app
    /// has (the report reference) needs this: no retry loop, however busy.
    /// </summary>
    Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default);

    /// <summary>True when the store can be read and written (for the health endpoint).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}
