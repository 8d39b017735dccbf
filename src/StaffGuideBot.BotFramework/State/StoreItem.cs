using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.State;

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

    /// <summary>
    /// The text a store read this item from, when it says (the document as it was read; changes made to
    /// <see cref="Document"/> since are not in it). For telling whether a document changed without serializing it
    /// again; never what is written.
    /// </summary>
    internal string? StoredJson { get; init; }

    /// <summary>The document as JSON: the text the item was created with, if any, else serialized now.</summary>
    internal string ToJson() => _json ?? _document.ToJsonString();
}
