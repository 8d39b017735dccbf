using System.Text.Json;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// Report cases in the bot's storage, changed with optimistic concurrency so two DSLs never overwrite each other.
/// An index of the cases not yet closed (<c>cases/open</c>) is kept in step, for reminders and "open reports".
/// </summary>
public sealed class CaseStore(IStorage storage)
{
    private const string OpenIndexKey = "cases/open";

    /// <summary>Every case not yet closed, oldest reference first.</summary>
    public async Task<IReadOnlyList<ReportCase>> ListOpenAsync(CancellationToken cancellationToken = default)
    {
        var index = await ReadIndexAsync(cancellationToken);
        var keys = index.Select(p => Key(p.Key)).ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var items = await storage.ReadAsync(keys, cancellationToken);
        return keys.Where(items.ContainsKey)
            .Select(k => items[k].Document.Deserialize<ReportCase>(BotJson.Options)!)
            .Where(c => c.Status != CaseStatus.Closed)
            .OrderBy(c => c.Reference, StringComparer.Ordinal)
            .ToList();
    }

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
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key(reportCase.Reference)] = new(Serialize(reportCase), StoreItem.CreateOnly) }, cancellationToken);
            await ChangeIndexAsync(index => index[reportCase.Reference.ToUpperInvariant()] = true, cancellationToken);
            return true;
        }
        catch (StorageConcurrencyException)
        {
            return false;
        }
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
            await ChangeIndexAsync(index => index.Remove(reportCase.Reference.ToUpperInvariant()), cancellationToken);
        }

        return reportCase;
    }

    /// <summary>Applies <paramref name="change"/> to the index of open cases (re-applied to the newer index if another case changed it meanwhile).</summary>
    private async Task ChangeIndexAsync(Action<System.Text.Json.Nodes.JsonObject> change, CancellationToken cancellationToken) =>
        await storage.UpdateAsync(OpenIndexKey, stored =>
        {
            var index = stored ?? [];
            change(index);
            return index;
        }, cancellationToken);

    private async Task<System.Text.Json.Nodes.JsonObject> ReadIndexAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([OpenIndexKey], cancellationToken);
        return items.TryGetValue(OpenIndexKey, out var item) ? item.Document : [];
    }

    private static System.Text.Json.Nodes.JsonObject Serialize(ReportCase reportCase) =>
        JsonSerializer.SerializeToNode(reportCase, BotJson.Options)!.AsObject();

    private static string Key(string reference) => $"cases/{reference.ToUpperInvariant()}";
}
