using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Key/value storage of JSON documents with optimistic concurrency.
/// On write, an item's <see cref="StoreItem.ETag"/> decides what is allowed:
/// <c>"*"</c> overwrites whatever is there; <c>null</c> creates the item and fails if it already exists;
/// any other value succeeds only if it is the stored item's current ETag.
/// A refused write throws <see cref="StorageConcurrencyException"/> and changes nothing, so no write is silently lost.
/// After a successful write each item's ETag is set to its new value.
/// </summary>
public interface IStorage
{
    /// <summary>The stored items among <paramref name="keys"/>; missing keys are simply absent.</summary>
    Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes all items, or none of them when any ETag check fails.</summary>
    Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default);

    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>True when the store can be read and written (for the health endpoint).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stored JSON document and its version tag.</summary>
public sealed class StoreItem
{
    public StoreItem(JsonObject document, string? eTag = null)
    {
        Document = document;
        ETag = eTag;
    }

    public JsonObject Document { get; set; }

    public string? ETag { get; set; }

    public const string AnyETag = "*";
}

/// <summary>A write was refused because the item changed (or appeared) since it was read.</summary>
public sealed class StorageConcurrencyException : Exception
{
    public StorageConcurrencyException()
    {
    }

    public StorageConcurrencyException(string message) : base(message)
    {
    }

    public StorageConcurrencyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
