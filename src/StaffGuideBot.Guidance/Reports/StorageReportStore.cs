using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Reports in the bot's <see cref="IStorage"/>; the per-year counter uses the storage's ETags, so concurrent sends never share a number.</summary>
public sealed class StorageReportStore(IStorage storage) : IReportStore
{
    private const string Prefix = "SG";

    /// <summary>Before the number of an allegation's reference: SG-2026-A0001.</summary>
    private const string AllegationMark = "A";

    public async Task<string> NextReferenceAsync(int year, bool allegation = false, CancellationToken cancellationToken = default)
    {
        var key = SequenceKey(year, allegation);
        var next = 0;
        // If someone else takes this number meanwhile, the counter is read again and the next one taken.
        await storage.UpdateAsync(key, stored =>
        {
            var counter = stored ?? new JsonObject { ["last"] = 0 };
            next = counter["last"]!.GetValue<int>() + 1;
            counter["last"] = next;
            return counter;
        }, cancellationToken);
        return Reference(year, allegation, next);
    }

    /// <summary>
    /// The series' references are numbered from 1 to its counter, so they are read by number in batches (a report whose
    /// number was taken but never stored is simply missing). A later storage query will make this one read.
    /// </summary>
    public async Task<IReadOnlyList<Report>> ListAsync(int year, bool allegation, CancellationToken cancellationToken = default)
    {
        var counter = await storage.ReadAsync([SequenceKey(year, allegation)], cancellationToken);
        var last = counter.TryGetValue(SequenceKey(year, allegation), out var item) ? item.Document["last"]!.GetValue<int>() : 0;
        var reports = new List<Report>();
        foreach (var batch in Enumerable.Range(1, last).Chunk(200))
        {
            var keys = batch.Select(n => Key(Reference(year, allegation, n))).ToList();
            var items = await storage.ReadAsync(keys, cancellationToken);
            reports.AddRange(keys.Where(items.ContainsKey).Select(k => items[k].Document.Deserialize<Report>(BotJson.Options)!));
        }

        return reports;
    }

    private static string SequenceKey(int year, bool allegation) =>
        $"reports/sequence/{year.ToString(CultureInfo.InvariantCulture)}{(allegation ? "/allegations" : string.Empty)}";

    private static string Reference(int year, bool allegation, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year}-{(allegation ? AllegationMark : string.Empty)}{number:0000}");

    public async Task<string> ReferenceForDraftAsync(string conversationId, string draftId, int year, bool allegation = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(draftId);

        // Draft ids are short and only unique within their conversation: the key is a hash of both.
        var draft = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + draftId)))[..32];
        var key = $"reports/drafts/{draft}";
        var items = await storage.ReadAsync([key], cancellationToken);
        if (items.TryGetValue(key, out var taken))
        {
            return taken.Document["reference"]!.GetValue<string>();
        }

        var reference = await NextReferenceAsync(year, allegation, cancellationToken);
        try
        {
            // Create-only: two sends of the same draft at once agree on the one stored first.
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new StoreItem(new JsonObject { ["reference"] = reference }, StoreItem.CreateOnly) }, cancellationToken);
            return reference;
        }
        catch (StorageConcurrencyException)
        {
            items = await storage.ReadAsync([key], cancellationToken);
            return items[key].Document["reference"]!.GetValue<string>();
        }
    }

    public Task SaveAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = JsonSerializer.SerializeToNode(report, BotJson.Options)!.AsObject();
        // Create-only: a second report with the same reference is refused, not overwritten.
        return storage.WriteAsync(new Dictionary<string, StoreItem> { [Key(report.Reference)] = new StoreItem(document, StoreItem.CreateOnly) }, cancellationToken);
    }

    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var items = await storage.ReadAsync([Key(reference)], cancellationToken);
        return items.TryGetValue(Key(reference), out var item) ? item.Document.Deserialize<Report>(BotJson.Options) : null;
    }

    private static string Key(string reference) => $"reports/{reference.ToUpperInvariant()}";
}
