using System.Globalization;
using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Leases on named work (a report's delivery, a reminder pass), so that when several instances share one store each
/// piece of work is done by one of them at a time. A lease is a small item (<c>leases/{name}</c>: who holds it and
/// until when) changed only under its ETag, so of two instances asking at once exactly one gets it, on every provider.
/// A lease ends when its holder releases it or when its time runs out (the holder stopped or died), and the holder
/// asking again extends it. One instance of this class is one holder: make one per process.
/// </summary>
public sealed class StorageLeases(IStorage storage, TimeProvider clock)
{
    private const string Prefix = "leases/";

    // Two attempts: a conflict means another holder wrote the lease meanwhile; asking once more reads who has it now.
    private static readonly Polly.ResiliencePipeline AskTwice = StorageExtensions.ConflictRetry(maxAttempts: 2);

    /// <summary>This process as a holder: the machine, the process and a random part (a restarted process is a new holder).</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>
    /// Takes (or extends) the lease <paramref name="name"/> for <paramref name="duration"/>; false when another
    /// holder has it and its time has not run out, or when it changed hands while this call was asking.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var acquired = false;
        try
        {
            await storage.UpdateAsync(Prefix + name, stored =>
            {
                var now = clock.GetUtcNow();
                acquired = stored is null || HolderOf(stored) == Holder || UntilOf(stored) <= now;
                return acquired
                    ? new JsonObject { ["holder"] = Holder, ["until"] = (now + duration).ToString("O", CultureInfo.InvariantCulture) }
                    : null;
            }, AskTwice, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageUnavailableException)
        {
            // Another holder changed it twice while we asked: it is theirs.
            return false;
        }

        return acquired;
    }

    /// <summary>Ends this holder's lease <paramref name="name"/> at once (nothing when someone else holds it now).</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var items = await storage.ReadAsync([Prefix + name], cancellationToken).ConfigureAwait(false);
        if (!items.TryGetValue(Prefix + name, out var item) || HolderOf(item.Document) != Holder)
        {
            return;
        }

        // Expired under its ETag rather than deleted: if it changed hands meanwhile, the new holder's lease stays.
        item.Document["until"] = DateTimeOffset.MinValue.ToString("O", CultureInfo.InvariantCulture);
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [Prefix + name] = item }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConcurrencyException)
        {
        }
    }

    private static string? HolderOf(JsonObject lease) => lease["holder"] is JsonValue v && v.TryGetValue<string>(out var h) ? h : null;

    private static DateTimeOffset UntilOf(JsonObject lease) =>
        lease["until"] is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until)
            ? until
            : DateTimeOffset.MinValue;
}
