using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Retry;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Read-modify-write of one stored item under its ETag, the one way the app changes a shared document (a counter,
/// an index, a case): read it, apply the change, write it back only if nobody wrote it meanwhile; on a conflict,
/// wait a little (exponential backoff with jitter, by Polly) and apply the change again to the newer item. The number
/// of attempts is bounded: when every one conflicts, <see cref="StorageUnavailableException"/> says the change was not
/// saved, so callers treat it as any failed write (a turn tells its user, a background pass tries again later).
/// </summary>
public static class StorageExtensions
{
    /// <summary>How many times <see cref="UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/> tries in all.</summary>
    public const int DefaultMaxAttempts = 8;

    private static readonly ResiliencePipeline DefaultRetry = ConflictRetry();

    /// <summary>
    /// The retry on <see cref="StorageConcurrencyException"/> used by <see cref="UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/>:
    /// <paramref name="maxAttempts"/> in all, the waits between them growing from <paramref name="firstDelay"/>
    /// (20 ms by default) up to a second, with jitter so that writers that collided once spread out.
    /// </summary>
    public static ResiliencePipeline ConflictRetry(int maxAttempts = DefaultMaxAttempts, TimeSpan? firstDelay = null, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        if (maxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<StorageConcurrencyException>(),
                MaxRetryAttempts = maxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = firstDelay ?? TimeSpan.FromMilliseconds(20),
                MaxDelay = TimeSpan.FromSeconds(1),
            });
        }

        return builder.Build();
    }

    /// <inheritdoc cref="UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, ResiliencePipeline, CancellationToken)"/>
    public static Task<JsonObject?> UpdateAsync(this IStorage storage, string key, Func<JsonObject?, JsonObject?> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(storage, key, change, DefaultRetry, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the item stored under <paramref name="key"/> (null when there is none) and
    /// writes what it returns: under the item's ETag, or create-only when there was no item, so a write made meanwhile
    /// is never overwritten; on a conflict the item is read again and <paramref name="change"/> applied again (it may
    /// run several times, so it must only compute from its argument). When it returns null nothing is written.
    /// </summary>
    /// <returns>The document as written; null when <paramref name="change"/> returned null.</returns>
    /// <exception cref="StorageUnavailableException">Every attempt conflicted: the change was not saved.</exception>
    public static async Task<JsonObject?> UpdateAsync(this IStorage storage, string key, Func<JsonObject?, JsonObject?> change, ResiliencePipeline retry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(retry);
        var attempts = 0;
        try
        {
            return await retry.ExecuteAsync<JsonObject?>(async token =>
            {
                attempts++;
                var items = await storage.ReadAsync([key], token).ConfigureAwait(false);
                var current = items.TryGetValue(key, out var item) ? item : null;
                var changed = change(current?.Document);
                if (changed is null)
                {
                    return null;
                }

                var eTag = current is null ? StoreItem.CreateOnly : current.ETag;
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [key] = new StoreItem(changed, eTag) }, token).ConfigureAwait(false);
                return changed;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConcurrencyException conflict)
        {
            throw new StorageUnavailableException(
                $"Item '{key}' was changed by someone else before each of {attempts} attempts to write it; this change was not saved.", conflict);
        }
    }

    /// <summary>
    /// <see cref="UpdateAsync(IStorage, string, Func{JsonObject?, JsonObject?}, CancellationToken)"/> for an item
    /// stored as <typeparamref name="T"/> (in <see cref="BotJson.Options"/>): <paramref name="change"/> gets the
    /// stored value (null when there is none) and returns the value to write, or null to write nothing.
    /// </summary>
    /// <returns>The value as written; null when <paramref name="change"/> returned null.</returns>
    public static async Task<T?> UpdateAsync<T>(this IStorage storage, string key, Func<T?, T?> change, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(change);
        T? written = null;
        var document = await storage.UpdateAsync(key, stored =>
        {
            written = change(stored?.Deserialize<T>(BotJson.Options));
            return written is null ? null : JsonSerializer.SerializeToNode(written, BotJson.Options)!.AsObject();
        }, cancellationToken).ConfigureAwait(false);
        return document is null ? null : written;
    }
}
