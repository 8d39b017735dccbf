using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// The bot's own storage, with writes and deletes of chosen keys failing as a full disk or a lost database would
/// (<see cref="StorageUnavailableException"/>) while <see cref="FailWritesTo"/> says so. Reads always work.
/// </summary>
public sealed class FaultyStorage(IStorage inner) : IStorage
{
    /// <summary>When set, writes and deletes that touch a key it matches fail.</summary>
    public Func<string, bool>? FailWritesTo { get; set; }

    /// <summary>
    /// Runs before each write or delete reaches the storage, with its keys and the storage itself (to make something
    /// happen in between, as another instance would).
    /// </summary>
    public Func<IReadOnlyCollection<string>, IStorage, Task>? BeforeWrite { get; set; }

    /// <summary>Wraps the storage the bot would use (after any encryption) in the given services.</summary>
    public static Func<FaultyStorage> Install(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var original = services.Single(s => s.ServiceType == typeof(IStorage) && !s.IsKeyedService);
        services.Remove(original);
        FaultyStorage? installed = null;
        services.AddSingleton<IStorage>(sp => installed = new FaultyStorage(original.ImplementationFactory is { } factory
            ? (IStorage)factory(sp)
            : original.ImplementationInstance as IStorage ?? (IStorage)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        return () => installed ?? throw new InvalidOperationException("The storage has not been created yet.");
    }

    public Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(keys, cancellationToken);

    public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await BeforeAsync([.. changes.Keys]);
        await inner.WriteAsync(changes, cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        await BeforeAsync(keys);
        await inner.DeleteAsync(keys, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.ListKeysAsync(prefix, cancellationToken);

    public Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default) =>
        inner.IncrementAsync(key, floor, cancellationToken);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => inner.IsReadyAsync(cancellationToken);

    private async Task BeforeAsync(IReadOnlyCollection<string> keys)
    {
        if (BeforeWrite is { } before)
        {
            await before(keys, inner);
        }

        if (FailWritesTo is { } matches && keys.Any(matches))
        {
            throw new StorageUnavailableException("The disk is full.");
        }
    }
}
