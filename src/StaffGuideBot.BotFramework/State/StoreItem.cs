using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.State;

/// <summary>A stored JSON document and its version tag.</summary>
public sealed class StoreItem
{
    private JsonObject? _document;

    /// <summary>The document's text, while it stands for the document: until the document is handed out (and may be changed).</summary>
    private string? _json;

    public StoreItem(JsonObject document, string? eTag = null)
    {
        _document = document;
        ETag = eTag;
    }

    /// <summary>
    /// An item made from JSON text: as a store read it (<paramref name="stored"/>, then also <see cref="StoredJson"/>),
    /// or as its creator just serialized it. The text is written as it is, and parsed only if the document is asked for.
    /// </summary>
    internal StoreItem(string json, string? eTag, bool stored)
    {
        _json = json;
        ETag = eTag;
        StoredJson = stored ? json : null;
    }

    /// <summary>The document (parsed from the item's text when first asked for; text that isn't a JSON object reads as an empty one).</summary>
    public JsonObject Document
    {
        get
        {
            _document ??= JsonNode.Parse(_json!) as JsonObject ?? [];
            _json = null;
            return _document;
        }

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
    internal string? StoredJson { get; }

    /// <summary>The document as JSON: the text the item was made from while the document has not been handed out, else serialized now.</summary>
    internal string ToJson() => _json ?? _document!.ToJsonString();
}
