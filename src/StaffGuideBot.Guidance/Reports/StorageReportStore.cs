using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Reports in the bot's <see cref="IStorage"/>; the per-year counter is the storage's atomic counter, so concurrent sends never share a number and never wait on each other.</summary>
public sealed class StorageReportStore(IStorage storage) : IReportStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _earlierLast = new(StringComparer.Ordinal);

    private const string Prefix = "SG";

    /// <summary>Before the number of an allegation's reference: SG-2026-A0001.</summary>
    private const string AllegationMark = "A";

    public async Task<string> NextReferenceAsync(int year, bool allegation = false, CancellationToken cancellationToken = default)
    {
        // The store's atomic counter: however many reports are sent at once, on however many instances, each gets its
        // own number without a retry. It carries on from an earlier version's counter (read once per process).
        var next = await storage.IncrementAsync(CounterKey(year, allegation), await EarlierLastAsync(year, allegation, cancellationToken), cancellationToken);
        return Reference(year, allegation, checked((int)next));
    }

    /// <summary>
    /// The series' references are numbered from 1 to its counter, so they are read by number in batches (a report whose
    /// number was taken but never stored is simply missing). A later storage query will make this one read.
    /// </summary>
    public async Task<IReadOnlyList<Report>> ListAsync(int year, bool allegation, CancellationToken cancellationToken = default)
    {
        var counter = await storage.ReadAsync([CounterKey(year, allegation)], cancellationToken);
        var last = (int)Math.Max(counter.TryGetValue(CounterKey(year, allegation), out var item) ? item.Document["last"]!.GetValue<long>() : 0, await EarlierLastAsync(year, allegation, cancellationToken));
        var reports = new List<Report>();
        foreach (var batch in Enumerable.Range(1, last).Chunk(200))
        {
            var keys = batch.Select(n => Key(Reference(year, allegation, n))).ToList();
            var items = await storage.ReadAsync(keys, cancellationToken);
            reports.AddRange(keys.Where(items.ContainsKey).Select(k => items[k].Document.Deserialize<Report>(BotJson.Options)!));
        }

        return reports;
    }

    /// <summary>The last number an earlier version's counter (an ordinary, encrypted document) gave out; 0 when there was none.</summary>
    private async Task<long> EarlierLastAsync(int year, bool allegation, CancellationToken cancellationToken)
    {
        var key = EarlierCounterKey(year, allegation);
        if (_earlierLast.TryGetValue(key, out var last))
        {
            return last;
        }

        var items = await storage.ReadAsync([key], cancellationToken);
        last = items.TryGetValue(key, out var item) ? item.Document["last"]?.GetValue<long>() ?? 0 : 0;
        return _earlierLast.GetOrAdd(key, last);
    }

    public async Task<IReadOnlyList<int>> YearsAsync(bool allegation, CancellationToken cancellationToken = default)
    {
        var years = new SortedSet<int>();
        foreach (var prefix in new[] { CounterPrefix, EarlierCounterPrefix })
        {
            foreach (var key in await storage.ListKeysAsync(prefix, cancellationToken))
            {
                var rest = key[prefix.Length..].Split('/');
                if (rest.Length == (allegation ? 2 : 1) && (!allegation || rest[1] == "allegations")
                    && int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
                {
                    years.Add(year);
                }
            }
        }

        return [.. years];
    }

    public async Task DeleteAsync(string reference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reference);

        // The draft-to-reference notes are keyed by a hash of the draft, so they are found by what they point to.
        var pointers = new List<string>();
        foreach (var batch in (await storage.ListKeysAsync(DraftPrefix, cancellationToken)).Chunk(200))
        {
            pointers.AddRange((await storage.ReadAsync(batch, cancellationToken))
                .Where(p => string.Equals(p.Value.Document["reference"]?.GetValue<string>(), reference, StringComparison.OrdinalIgnoreCase))
                .Select(p => p.Key));
        }

        await storage.DeleteAsync([Key(reference), .. pointers], cancellationToken);
    }

    private const string CounterPrefix = "counters/reports/";

    private const string EarlierCounterPrefix = "reports/sequence/";

    private const string DraftPrefix = "reports/drafts/";

    private static string CounterKey(int year, bool allegation) =>
        $"{CounterPrefix}{year.ToString(CultureInfo.InvariantCulture)}{(allegation ? "/allegations" : string.Empty)}";

    private static string EarlierCounterKey(int year, bool allegation) =>
        $"{EarlierCounterPrefix}{year.ToString(CultureInfo.InvariantCulture)}{(allegation ? "/allegations" : string.Empty)}";

    private static string Reference(int year, bool allegation, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{year}-{(allegation ? AllegationMark : string.Empty)}{number:0000}");

    public async Task<DraftReference> ReferenceForDraftAsync(string conversationId, string draftId, int year, bool allegation = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(draftId);
        var key = NoteKey(conversationId, draftId);
        var items = await storage.ReadAsync([key], cancellationToken);
        if (items.TryGetValue(key, out var note))
        {
            // Noted: the report is there unless an earlier version noted the reference and stopped before storing it.
            var reference = note.Document["reference"]!.GetValue<string>();
            return new DraftReference(conversationId, draftId, reference) { NotedETag = note.ETag, Sent = await FindAsync(reference, cancellationToken) };
        }

        return new DraftReference(conversationId, draftId, await NextReferenceAsync(year, allegation, cancellationToken));
    }

    public Task SaveAsync(Report report, DraftReference? draft = null, IReadOnlyDictionary<string, StoreItem>? alongside = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        // Create-only: a second report with the same reference is refused, not overwritten.
        var changes = new Dictionary<string, StoreItem>(alongside ?? new Dictionary<string, StoreItem>(), StringComparer.Ordinal)
        {
            { Key(report.Reference), new StoreItem(JsonSerializer.SerializeToNode(report, BotJson.Options)!.AsObject(), StoreItem.CreateOnly) },
        };
        if (draft is not null)
        {
            // Created with the report, or (noted by an earlier version) rewritten as it was read: of two sends of one
            // draft at once, the second is refused.
            changes.Add(NoteKey(draft.ConversationId, draft.DraftId), new StoreItem(new JsonObject { ["reference"] = draft.Reference }, draft.NotedETag ?? StoreItem.CreateOnly));
        }

        return storage.WriteAsync(changes, cancellationToken);
    }

    /// <summary>Draft ids are short and only unique within their conversation: the note's key is a hash of both.</summary>
    private static string NoteKey(string conversationId, string draftId) =>
        DraftPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationId + "\n" + draftId)))[..32];

    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var items = await storage.ReadAsync([Key(reference)], cancellationToken);
        return items.TryGetValue(Key(reference), out var item) ? item.Document.Deserialize<Report>(BotJson.Options) : null;
    }

    private static string Key(string reference) => $"reports/{reference.ToUpperInvariant()}";
}
