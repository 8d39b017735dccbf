using System.Text.Json.Nodes;

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

    /// <summary>True when the store can be read and written (for the health endpoint).</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken = default);
}

/// <summary>A stored JSON document and its version tag.</summary>
public sealed class StoreItem
{
    private JsonObject _document;
    private string? _json;

    public StoreItem(JsonObject document, string? eTag = null)
    {
        _document = document;
        ETag = eTag;
    }

    /// <summary>An item whose document its creator has just serialized as <paramref name="json"/>, so storage need not do it again.</summary>
    internal StoreItem(JsonObject document, string json, string? eTag)
        : this(document, eTag) => _json = json;

    public JsonObject Document
    {
        get => _document;
        set
        {
            _document = value;
            _json = null;
        }
    }

    /// <summary>What a write may replace (see <see cref="IStorage"/>); after a successful write, the item's new version.</summary>
    public string? ETag { get; set; }

    /// <summary>The ETag that overwrites whatever is stored (as <c>null</c> does): last write wins.</summary>
    public const string AnyETag = "*";

    /// <summary>
    /// The ETag that only creates: the write fails with <see cref="StorageConcurrencyException"/> when the key is
    /// already stored. Never a stored item's ETag.
    /// </summary>
    public const string CreateOnly = "create-only";

    /// <summary>The document as JSON: the text the item was created with, if any, else serialized now.</summary>
    internal string ToJson() => _json ?? _document.ToJsonString();
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

/// <summary>
/// The store could not be written (a full disk, a lost connection, a read-only file), or a change conflicted with other
/// writers on every attempt (<see cref="StorageExtensions.UpdateAsync(IStorage, string, Func{System.Text.Json.Nodes.JsonObject?, System.Text.Json.Nodes.JsonObject?}, CancellationToken)"/>):
/// what the write carried was not saved. <see cref="Exception.InnerException"/> is the provider's own error, or the last
/// <see cref="StorageConcurrencyException"/>.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StorageUnavailableException(Exception innerException) : base("The store could not be written.", innerException)
    {
    }
}
