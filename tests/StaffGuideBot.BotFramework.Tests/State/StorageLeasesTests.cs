using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Tests.State;

/// <summary>One holder at a time per lease, on any store: as two instances sharing one database would be.</summary>
public sealed class StorageLeasesTests
{
    private readonly MemoryStorage _storage = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Only_one_of_two_holders_gets_a_lease_until_it_runs_out_and_the_holder_can_extend_it()
    {
        var one = new StorageLeases(_storage, _clock);
        var two = new StorageLeases(_storage, _clock);

        Assert.True(await one.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));
        Assert.False(await two.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await one.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(await two.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));

        // The holder stopped: once its time runs out, the other takes over.
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True(await two.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));
        Assert.False(await one.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public async Task A_released_lease_is_free_at_once_and_releasing_someone_elses_changes_nothing()
    {
        var one = new StorageLeases(_storage, _clock);
        var two = new StorageLeases(_storage, _clock);
        Assert.True(await one.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));

        await two.ReleaseAsync("jobs/x");
        Assert.False(await two.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));

        await one.ReleaseAsync("jobs/x");
        Assert.True(await two.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));
        Assert.False(await one.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public async Task Of_many_asking_at_once_exactly_one_gets_it()
    {
        var holders = Enumerable.Range(0, 20).Select(_ => new StorageLeases(_storage, _clock)).ToList();

        var got = await Task.WhenAll(holders.Select(h => Task.Run(() => h.TryAcquireAsync("jobs/x", TimeSpan.FromMinutes(3)))));

        Assert.Equal(1, got.Count(g => g));
    }
}
