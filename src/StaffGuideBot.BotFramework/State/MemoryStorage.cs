using System.Globalization;
using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.State;

/// <summary>In-process storage for tests and tools; same concurrency rules as every <see cref="IStorage"/>.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Dictionary<string, (string Json, string ETag)> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private long _version;

    public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var item))
                {
                    result[key] = new StoreItem(item.Json, item.ETag, stored: true);
                }
            }
        }

        return Task.FromResult<IDictionary<string, StoreItem>>(result);
    }

    public Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        lock (_lock)
        {
            foreach (var (key, item) in changes)
            {
                _items.TryGetValue(key, out var current);
                StorageConcurrency.Check(key, item.ETag, current.ETag);
            }

            foreach (var (key, item) in changes)
            {
                var eTag = (++_version).ToString(CultureInfo.InvariantCulture);
                _items[key] = (item.ToJson(), eTag);
                item.ETag = eTag;
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var stored = _items.TryGetValue(key, out var item) ? JsonNode.Parse(item.Json)?["last"]?.GetValue<long>() ?? 0 : 0;
            var next = Math.Max(stored, floor) + 1;
            _items[key] = (new JsonObject { ["last"] = next }.ToJsonString(), (++_version).ToString(CultureInfo.InvariantCulture));
            return Task.FromResult(next);
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _items.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)]);
        }
    }

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
}

internal static class StorageConcurrency
{
    /// <summary>Applies the ETag rules of <see cref="IStorage"/>; <paramref name="current"/> is null when the key is not stored.</summary>
    public static void Check(string key, string? expected, string? current)
    {
        if (expected is null or StoreItem.AnyETag)
        {
            return;
        }

        if (expected == StoreItem.CreateOnly)
        {
            if (current is not null)
            {
                throw new StorageConcurrencyException($"Item '{key}' already exists; it was written by someone else since it was read.");
            }

            return;
        }

        if (expected != current)
        {
            throw new StorageConcurrencyException($"Item '{key}' changed since it was read (ETag mismatch).");
        }
    }

    /// <summary>The refusal of a write whose ETag check failed in the store itself (the store says no, not why).</summary>
    public static StorageConcurrencyException Conflict(string key, string? expected) =>
        new(expected == StoreItem.CreateOnly
            ? $"Item '{key}' already exists; it was written by someone else since it was read."
            : $"Item '{key}' changed or was deleted since it was read (ETag mismatch).");
}
