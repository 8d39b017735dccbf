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

    public string? ETag { get; set; }

    public const string AnyETag = "*";

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
/// The store could not be written (a full disk, a lost connection, a read-only file): what the write carried was not
/// saved. <see cref="Exception.InnerException"/> is the provider's own error.
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
