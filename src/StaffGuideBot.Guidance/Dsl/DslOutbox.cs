using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Reports not yet delivered to the DSL channel (or whose reporter has not yet been told), kept in storage so
/// delivery carries on after a restart. <see cref="IStorage"/> cannot list keys, so one small index document
/// (<c>outbox/index</c>) names the references; each has its own entry (<c>outbox/{reference}</c>) with the state
/// of its delivery. Every change goes through <see cref="StorageExtensions.UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/>.
/// </summary>
public sealed class DslOutbox(IStorage storage)
{
    private const string IndexKey = "outbox/index";

    /// <summary>Queues a report: the index first (so a crash half-way leaves it findable), then its entry. Safe to repeat.</summary>
    public async Task AddAsync(string reference, DateTimeOffset submittedAt, CancellationToken cancellationToken = default)
    {
        await ChangeIndexAsync(index => index[reference.ToUpperInvariant()] = submittedAt, cancellationToken);
        await CreateEntryAsync(reference, submittedAt, cancellationToken);
    }

    /// <summary>The references waiting, oldest first.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default)
    {
        var index = await ReadIndexAsync(cancellationToken);
        return index.OrderBy(p => p.Value).Select(p => p.Key).ToList();
    }

    public async Task<OutboxEntry?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var items = await storage.ReadAsync([EntryKey(reference)], cancellationToken);
        return items.TryGetValue(EntryKey(reference), out var item) ? item.Document.Deserialize<OutboxEntry>(BotJson.Options) : null;
    }

    /// <summary>Creates the entry unless it exists; returns the stored entry.</summary>
    public async Task<OutboxEntry> CreateEntryAsync(string reference, DateTimeOffset submittedAt, CancellationToken cancellationToken = default)
    {
        var entry = new OutboxEntry { Reference = reference.ToUpperInvariant(), SubmittedAt = submittedAt };
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [EntryKey(reference)] = new(Serialize(entry), StoreItem.CreateOnly) }, cancellationToken);
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

    /// <summary>Done with a report: out of the index first (so it is never picked up again), then the entry.</summary>
    public async Task RemoveAsync(string reference, CancellationToken cancellationToken = default)
    {
        await ChangeIndexAsync(index => index.Remove(reference.ToUpperInvariant()), cancellationToken);
        await storage.DeleteAsync([EntryKey(reference)], cancellationToken);
    }

    /// <summary>Applies <paramref name="change"/> to the index (re-applied to the newer index if another report was queued or removed meanwhile).</summary>
    private async Task ChangeIndexAsync(Action<Dictionary<string, DateTimeOffset>> change, CancellationToken cancellationToken) =>
        await storage.UpdateAsync(IndexKey, stored =>
        {
            var index = IndexOf(stored);
            change(index);
            return new JsonObject { ["references"] = JsonSerializer.SerializeToNode(index, BotJson.Options) };
        }, cancellationToken);

    private async Task<Dictionary<string, DateTimeOffset>> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([IndexKey], cancellationToken);
        return IndexOf(items.TryGetValue(IndexKey, out var item) ? item.Document : null);
    }

    private static Dictionary<string, DateTimeOffset> IndexOf(JsonObject? document) =>
        new(document?["references"]?.Deserialize<Dictionary<string, DateTimeOffset>>(BotJson.Options) ?? [], StringComparer.Ordinal);

    private static JsonObject Serialize(OutboxEntry entry) => JsonSerializer.SerializeToNode(entry, BotJson.Options)!.AsObject();

    private static string EntryKey(string reference) => $"outbox/{reference.ToUpperInvariant()}";
}
