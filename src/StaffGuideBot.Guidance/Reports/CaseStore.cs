using System.Text.Json;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// Report cases in the bot's storage, changed with optimistic concurrency so two DSLs never overwrite each other.
/// Each case not yet closed has a tiny marker (<c>cases/open/{reference}</c>), written with the case and removed when it
/// closes, so reminders and "open reports" find the open cases by listing the prefix: no document every case rewrites.
/// An index stored by an earlier version in one document (<c>cases/open</c>) becomes markers the first time it is read.
/// </summary>
public sealed class CaseStore(IStorage storage)
{
    private const string CasePrefix = "cases/";
    private const string OpenPrefix = "cases/open/";
    private const string EarlierIndexKey = "cases/open";

    /// <summary>Every case not yet closed, oldest reference first.</summary>
    public async Task<IReadOnlyList<ReportCase>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        await MarkEarlierIndexAsync(cancellationToken);
        var references = (await storage.ListKeysAsync(OpenPrefix, cancellationToken)).Select(k => k[OpenPrefix.Length..]);
        return (await FindAllAsync(references, cancellationToken)).Values
            .Where(c => c.Status != CaseStatus.Closed)
            .OrderBy(c => c.Reference, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The reference of every case, open or closed, in order (for retention, which reads each on its own).</summary>
    public async Task<IReadOnlyList<string>> ListAllReferencesAsync(CancellationToken cancellationToken = default) =>
        (await storage.ListKeysAsync(CasePrefix, cancellationToken))
            .Select(k => k[CasePrefix.Length..])
            .Where(r => !r.Contains('/', StringComparison.Ordinal) && r != "open")
            .Order(StringComparer.Ordinal)
            .ToList();

    public async Task<ReportCase?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var items = await storage.ReadAsync([Key(reference)], cancellationToken);
        return items.TryGetValue(Key(reference), out var item) ? item.Document.Deserialize<ReportCase>(BotJson.Options) : null;
    }

    /// <summary>The cases of <paramref name="references"/> that exist, read together.</summary>
    public async Task<IReadOnlyDictionary<string, ReportCase>> FindAllAsync(IEnumerable<string> references, CancellationToken cancellationToken = default)
    {
        var keys = references.Select(Key).Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, ReportCase>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in keys.Chunk(200))
        {
            foreach (var (_, item) in await storage.ReadAsync(batch, cancellationToken))
            {
                var reportCase = item.Document.Deserialize<ReportCase>(BotJson.Options)!;
                found[reportCase.Reference] = reportCase;
            }
        }

        return found;
    }

    /// <summary>Creates the case for a new report; false if it already exists.</summary>
    public async Task<bool> CreateAsync(ReportCase reportCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem>(NewCaseItems(reportCase)), cancellationToken);
            return true;
        }
        catch (StorageConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// The items that create the case of a new report, to write together (all or nothing), alone or with others: the case
    /// (create-only: the write fails if it exists) and its open marker.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, StoreItem>> NewCaseItems(ReportCase reportCase)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        yield return new(Key(reportCase.Reference), new StoreItem(Serialize(reportCase), StoreItem.CreateOnly));
        yield return new(OpenKey(reportCase.Reference), new StoreItem([], StoreItem.AnyETag));
    }

    /// <summary>
    /// Reads the case, applies <paramref name="change"/> and writes it back; if someone else changed it meanwhile,
    /// reads again and re-applies (a bounded number of times, see <see cref="StorageExtensions"/>). Returns the case
    /// as written, or null when it does not exist.
    /// </summary>
    public async Task<ReportCase?> UpdateAsync(string reference, Action<ReportCase> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var reportCase = await storage.UpdateAsync<ReportCase>(Key(reference), stored =>
        {
            if (stored is not null)
            {
                change(stored);
            }

            return stored;
        }, cancellationToken);
        if (reportCase?.Status == CaseStatus.Closed)
        {
            await storage.DeleteAsync([OpenKey(reportCase.Reference)], cancellationToken);
        }

        return reportCase;
    }

    /// <summary>Deletes the case and its open marker (retention); the case goes last, so a purge cut short is found again.</summary>
    public async Task DeleteAsync(string reference, CancellationToken cancellationToken = default)
    {
        await storage.DeleteAsync([OpenKey(reference)], cancellationToken);
        await storage.DeleteAsync([Key(reference)], cancellationToken);
    }

    /// <summary>An earlier version's index of open cases: a marker for each case in it, then the index goes.</summary>
    private async Task MarkEarlierIndexAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([EarlierIndexKey], cancellationToken);
        if (!items.TryGetValue(EarlierIndexKey, out var index))
        {
            return;
        }

        if (index.Document.Count > 0)
        {
            await storage.WriteAsync(index.Document.ToDictionary(p => OpenKey(p.Key), _ => new StoreItem([], StoreItem.AnyETag)), cancellationToken);
        }

        await storage.DeleteAsync([EarlierIndexKey], cancellationToken);
    }

    private static System.Text.Json.Nodes.JsonObject Serialize(ReportCase reportCase) =>
        JsonSerializer.SerializeToNode(reportCase, BotJson.Options)!.AsObject();

    private static string Key(string reference) => CasePrefix + reference.ToUpperInvariant();

    private static string OpenKey(string reference) => OpenPrefix + reference.ToUpperInvariant();
}
