using System.Text.Json;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Report cases in the bot's storage, changed with optimistic concurrency so two DSLs never overwrite each other.</summary>
public sealed class CaseStore(IStorage storage)
{
    public async Task<ReportCase?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        var items = await storage.ReadAsync([Key(reference)], cancellationToken);
        return items.TryGetValue(Key(reference), out var item) ? item.Document.Deserialize<ReportCase>(BotJson.Options) : null;
    }

    /// <summary>Creates the case for a new report; false if it already exists.</summary>
    public async Task<bool> CreateAsync(ReportCase reportCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key(reportCase.Reference)] = new(Serialize(reportCase)) }, cancellationToken);
            return true;
        }
        catch (StorageConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads the case, applies <paramref name="change"/> and writes it back; if someone else changed it meanwhile,
    /// reads again and re-applies. Returns the case as written, or null when it does not exist.
    /// </summary>
    public async Task<ReportCase?> UpdateAsync(string reference, Action<ReportCase> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        while (true)
        {
            var items = await storage.ReadAsync([Key(reference)], cancellationToken);
            if (!items.TryGetValue(Key(reference), out var item))
            {
                return null;
            }

            var reportCase = item.Document.Deserialize<ReportCase>(BotJson.Options)!;
            change(reportCase);
            try
            {
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key(reference)] = new(Serialize(reportCase), item.ETag) }, cancellationToken);
                return reportCase;
            }
            catch (StorageConcurrencyException)
            {
                // Changed by someone else since it was read: try again on the newer case.
            }
        }
    }

    private static System.Text.Json.Nodes.JsonObject Serialize(ReportCase reportCase) =>
        JsonSerializer.SerializeToNode(reportCase, BotJson.Options)!.AsObject();

    private static string Key(string reference) => $"cases/{reference.ToUpperInvariant()}";
}
