using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The audit of what retention deleted and of every search for a child's name, in the bot's storage, each entry its own
/// item (<c>audit/…</c>), never holding what a report said or a name that was searched for: references, times, reasons,
/// and who searched. It outlives the reports it is about.
/// </summary>
public sealed class RetentionAudit(IStorage storage)
{
    /// <summary>The reason of a report purged because it was closed, recorded in the school's system and kept long enough since.</summary>
    public const string RecordedReason = "recorded-in-school-system";

    private const string PurgePrefix = "audit/purges/";
    private const string DraftPrefix = "audit/drafts/";
    private const string SearchPrefix = "audit/searches/";

    /// <summary>Notes a report's purge (written before anything is deleted, so a purge cut short is still on record).</summary>
    public Task RecordPurgeAsync(PurgeRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var document = JsonSerializer.SerializeToNode(record, BotJson.Options)!.AsObject();
        return storage.WriteAsync(new Dictionary<string, StoreItem> { [PurgePrefix + record.Reference.ToUpperInvariant()] = new(document, StoreItem.AnyETag) }, cancellationToken);
    }

    /// <summary>The purge of <paramref name="reference"/>, or null when it was never purged.</summary>
    public async Task<PurgeRecord?> FindPurgeAsync(string reference, CancellationToken cancellationToken = default)
    {
        var key = PurgePrefix + reference.ToUpperInvariant();
        var items = await storage.ReadAsync([key], cancellationToken);
        return items.TryGetValue(key, out var item) ? item.Document.Deserialize<PurgeRecord>(BotJson.Options) : null;
    }

    /// <summary>Every report purged, oldest reference first.</summary>
    public async Task<IReadOnlyList<PurgeRecord>> ListPurgesAsync(CancellationToken cancellationToken = default)
    {
        var records = new List<PurgeRecord>();
        foreach (var batch in (await storage.ListKeysAsync(PurgePrefix, cancellationToken)).Chunk(200))
        {
            records.AddRange((await storage.ReadAsync(batch, cancellationToken)).Values.Select(i => i.Document.Deserialize<PurgeRecord>(BotJson.Options)!));
        }

        return [.. records.OrderBy(r => r.Reference, StringComparer.Ordinal)];
    }

    /// <summary>Notes that an unsent draft was deleted: its id and dates only.</summary>
    public Task RecordDraftPurgeAsync(string draftId, DateTimeOffset lastChanged, DateTimeOffset purgedAt, CancellationToken cancellationToken = default) =>
        storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            [DraftPrefix + Stamp(purgedAt) + "-" + draftId] = new(new JsonObject
            {
                ["draftId"] = draftId,
                ["lastChanged"] = lastChanged,
                ["purgedAt"] = purgedAt,
                ["reason"] = "abandoned",
            }, StoreItem.AnyETag),
        }, cancellationToken);

    /// <summary>Notes a search by name: who, when, in which channel and which references it showed; never the words searched for.</summary>
    public Task RecordSearchAsync(Person by, DateTimeOffset at, bool allegation, IReadOnlyList<string> found, CancellationToken cancellationToken = default) =>
        storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            [SearchPrefix + Stamp(at) + "-" + Guid.NewGuid().ToString("N")[..8]] = new(new JsonObject
            {
                ["by"] = JsonSerializer.SerializeToNode(by, BotJson.Options),
                ["at"] = at,
                ["allegations"] = allegation,
                ["found"] = new JsonArray([.. found.Select(r => (JsonNode)JsonValue.Create(r))]),
            }, StoreItem.AnyETag),
        }, cancellationToken);

    /// <summary>The searches on record (for tests and the operator), oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListSearchesAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(SearchPrefix, cancellationToken);

    /// <summary>The draft purges on record, oldest first.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListDraftPurgesAsync(CancellationToken cancellationToken = default) =>
        await ListAsync(DraftPrefix, cancellationToken);

    private async Task<IReadOnlyList<JsonObject>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var entries = new List<JsonObject>();
        foreach (var batch in (await storage.ListKeysAsync(prefix, cancellationToken)).Chunk(200))
        {
            var items = await storage.ReadAsync(batch, cancellationToken);
            entries.AddRange(batch.Where(items.ContainsKey).Select(k => items[k].Document));
        }

        return entries;
    }

    /// <summary>A sortable UTC time for a key.</summary>
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
}
