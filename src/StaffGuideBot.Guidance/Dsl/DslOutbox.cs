using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Reports not yet delivered to the DSL channel (or whose reporter has not yet been told), kept in storage so
/// delivery carries on after a restart. Each has its own entry (<c>outbox/{reference}</c>) with the state of its
/// delivery, and the waiting ones are found by listing that prefix: no index that every report rewrites. An index
/// stored by an earlier version (<c>outbox/index</c>) is turned into entries the first time the outbox is read.
/// Every change goes through <see cref="StorageExtensions.UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/>.
/// </summary>
public sealed class DslOutbox(IStorage storage)
{
    private const string Prefix = "outbox/";
    private const string EarlierIndexKey = "outbox/index";

    /// <summary>Queues a report: its entry, one write. Safe to repeat.</summary>
    public Task AddAsync(string reference, DateTimeOffset submittedAt, CancellationToken cancellationToken = default) =>
        CreateEntryAsync(reference, submittedAt, cancellationToken);

    /// <summary>The entry that queues a new report, to write with other items in one go (create-only: a write of it fails if the report is queued already).</summary>
    public static KeyValuePair<string, StoreItem> NewEntry(string reference, DateTimeOffset submittedAt) =>
        NewEntry(new OutboxEntry { Reference = reference.ToUpperInvariant(), SubmittedAt = submittedAt });

    private static KeyValuePair<string, StoreItem> NewEntry(OutboxEntry entry) =>
        new(EntryKey(entry.Reference), new StoreItem(Serialize(entry), StoreItem.CreateOnly));

    /// <summary>The references waiting, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default) =>
        (await WaitingAsync(cancellationToken)).Select(w => w.Reference).ToList();

    /// <summary>The references waiting with when each was sent, oldest first (an entry without a readable time first, at <see cref="DateTimeOffset.MinValue"/>).</summary>
    public async Task<IReadOnlyList<(string Reference, DateTimeOffset SubmittedAt)>> WaitingAsync(CancellationToken cancellationToken = default)
    {
        await TurnEarlierIndexIntoEntriesAsync(cancellationToken);
        var waiting = new List<(string Reference, DateTimeOffset SubmittedAt)>();
        foreach (var batch in (await storage.ListKeysAsync(Prefix, cancellationToken)).Where(k => k != EarlierIndexKey).Chunk(200))
        {
            foreach (var (key, item) in await storage.ReadAsync(batch, cancellationToken))
            {
                // The reference is the key's; an entry without a readable time still waits, first.
                var submittedAt = item.Document["submittedAt"] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at) ? at : DateTimeOffset.MinValue;
                waiting.Add((key[Prefix.Length..], submittedAt));
            }
        }

        return waiting.OrderBy(w => w.SubmittedAt).ThenBy(w => w.Reference, StringComparer.Ordinal).ToList();
    }

    public async Task<OutboxEntry?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var items = await storage.ReadAsync([EntryKey(reference)], cancellationToken);
        return items.TryGetValue(EntryKey(reference), out var item) ? item.Document.Deserialize<OutboxEntry>(BotJson.Options) : null;
    }

    /// <summary>Creates the entry unless it exists; returns the stored entry.</summary>
    private async Task<OutboxEntry> CreateEntryAsync(string reference, DateTimeOffset submittedAt, CancellationToken cancellationToken = default)
    {
        var entry = new OutboxEntry { Reference = reference.ToUpperInvariant(), SubmittedAt = submittedAt };
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem>([NewEntry(entry)]), cancellationToken);
            return entry;
        }
        catch (StorageConcurrencyException)
        {
            return await FindAsync(reference, cancellationToken) ?? entry;
        }
    }

    /// <summary>Reads the entry, applies <paramref name="change"/> and writes it back (re-applied on conflict, see <see cref="StorageExtensions"/>); null when it does not exist.</summary>
    public async Task<OutboxEntry?> UpdateAsync(string reference, Action<OutboxEntry> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await storage.UpdateAsync<OutboxEntry>(EntryKey(reference), entry =>
        {
            if (entry is not null)
            {
                change(entry);
            }

            return entry;
        }, cancellationToken);
    }

    /// <summary>
    /// Claims a report for <paramref name="holder"/> until <paramref name="until"/>: the entry as claimed when no one
    /// else holds an unexpired claim on it (a holder's own claim is extended), else null. The claim is written under
    /// the entry's ETag, so of two instances claiming at once one gets it. Null too when the entry is gone (delivered
    /// meanwhile).
    /// </summary>
    public Task<OutboxEntry?> TryClaimAsync(string reference, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        storage.UpdateAsync<OutboxEntry>(EntryKey(reference), entry =>
        {
            if (entry is null || (entry.Claim is { } claim && claim.By != holder && claim.Until > now))
            {
                return null;
            }

            entry.Claim = new OutboxClaim { By = holder, Until = until };
            return entry;
        }, cancellationToken);

    /// <summary>Lets a claim go (nothing when the entry is gone or someone else holds it now).</summary>
    public Task ReleaseClaimAsync(string reference, string holder, CancellationToken cancellationToken = default) =>
        storage.UpdateAsync<OutboxEntry>(EntryKey(reference), entry =>
        {
            if (entry?.Claim?.By != holder)
            {
                return null;
            }

            entry.Claim = null;
            return entry;
        }, cancellationToken);

    /// <summary>Done with a report: its entry goes, so it is never picked up again.</summary>
    public Task RemoveAsync(string reference, CancellationToken cancellationToken = default) =>
        storage.DeleteAsync([EntryKey(reference)], cancellationToken);

    /// <summary>An earlier version's index: an entry for each reference in it that has none (a crash could leave one), then the index goes.</summary>
    private async Task TurnEarlierIndexIntoEntriesAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([EarlierIndexKey], cancellationToken);
        if (!items.TryGetValue(EarlierIndexKey, out var index))
        {
            return;
        }

        foreach (var (reference, submittedAt) in index.Document["references"]?.Deserialize<Dictionary<string, DateTimeOffset>>(BotJson.Options) ?? [])
        {
            await CreateEntryAsync(reference, submittedAt, cancellationToken);
        }

        await storage.DeleteAsync([EarlierIndexKey], cancellationToken);
    }

    private static JsonObject Serialize(OutboxEntry entry) => JsonSerializer.SerializeToNode(entry, BotJson.Options)!.AsObject();

    private static string EntryKey(string reference) => $"outbox/{reference.ToUpperInvariant()}";
}
