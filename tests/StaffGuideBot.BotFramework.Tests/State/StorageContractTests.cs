using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.State;

/// <summary>The same contract for every <see cref="IStorage"/>: ETag rules, all-or-nothing writes, nothing lost.</summary>
public abstract class StorageContractTests
{
    protected abstract IStorage Storage { get; }

    [SkippableFact]
    public async Task A_written_item_reads_back_with_an_etag()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });

        var read = await Storage.ReadAsync(["a", "missing"]);

        Assert.Equal(1, read["a"].Document["n"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(read["a"].ETag));
        Assert.DoesNotContain("missing", read);
    }

    [SkippableFact]
    public async Task A_write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });
        var first = (await Storage.ReadAsync(["a"]))["a"];
        var firstETag = first.ETag;

        first.Document["n"] = 2;
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = first });

        var second = (await Storage.ReadAsync(["a"]))["a"];
        Assert.Equal(2, second.Document["n"]!.GetValue<int>());
        Assert.NotEqual(firstETag, second.ETag);
        Assert.Equal(first.ETag, second.ETag);
    }

    [SkippableFact]
    public async Task A_conflicting_write_is_refused_and_the_other_write_is_not_lost()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });
        var mine = (await Storage.ReadAsync(["a"]))["a"];
        var theirs = (await Storage.ReadAsync(["a"]))["a"];

        theirs.Document["n"] = 10;
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = theirs });
        mine.Document["n"] = 20;

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = mine }));
        Assert.Equal(10, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Creating_an_item_that_someone_else_created_meanwhile_is_refused()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(2, StoreItem.CreateOnly) }));
        Assert.Equal(1, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_create_only_write_creates_a_missing_item_and_gives_it_a_real_etag()
    {
        var item = Item(1, StoreItem.CreateOnly);

        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = item });

        var read = (await Storage.ReadAsync(["a"]))["a"];
        Assert.Equal(1, read.Document["n"]!.GetValue<int>());
        Assert.Equal(read.ETag, item.ETag);
        Assert.NotEqual(StoreItem.CreateOnly, read.ETag);
    }

    [SkippableFact]
    public async Task The_wildcard_etag_overwrites()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });

        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(3, StoreItem.AnyETag) });

        Assert.Equal(3, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());
    }

    /// <summary>As in Bot Builder's and the Agents SDK's stores: no ETag means last write wins, never "create only".</summary>
    [SkippableFact]
    public async Task No_etag_overwrites_as_in_the_sdks()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });

        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(4, eTag: null) });

        Assert.Equal(4, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task A_stale_etag_conflicts_and_so_does_one_for_an_item_deleted_meanwhile()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });
        var read = (await Storage.ReadAsync(["a"]))["a"];
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(2) });

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(5, read.ETag) }));
        Assert.Equal(2, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());

        var current = (await Storage.ReadAsync(["a"]))["a"];
        await Storage.DeleteAsync(["a"]);
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(6, current.ETag) }));
        Assert.False((await Storage.ReadAsync(["a"])).ContainsKey("a"));
    }

    [SkippableFact]
    public async Task A_batch_with_one_conflict_writes_nothing()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["b"] = Item(5),
            ["a"] = Item(6, "stale-etag"),
        }));

        var read = await Storage.ReadAsync(["a", "b"]);
        Assert.DoesNotContain("b", read);
        Assert.Equal(1, read["a"].Document["n"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Deleted_items_are_gone()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1), ["b"] = Item(2) });

        await Storage.DeleteAsync(["a"]);

        var read = await Storage.ReadAsync(["a", "b"]);
        Assert.DoesNotContain("a", read);
        Assert.Contains("b", read);
        Assert.True(await Storage.IsReadyAsync());
    }

    [SkippableFact]
    public async Task Concurrent_read_modify_write_loops_never_lose_an_increment()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["counter"] = Item(0) });

        async Task IncrementAsync(int times)
        {
            for (var done = 0; done < times;)
            {
                var item = (await Storage.ReadAsync(["counter"]))["counter"];
                item.Document["n"] = item.Document["n"]!.GetValue<int>() + 1;
                try
                {
                    await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["counter"] = item });
                    done++;
                }
                catch (StorageConcurrencyException)
                {
                    // someone else won; read again
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => IncrementAsync(25))));

        Assert.Equal(100, (await Storage.ReadAsync(["counter"]))["counter"].Document["n"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Keys_are_listed_by_prefix_in_order_exactly_and_only_while_they_exist()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem>
        {
            ["cases/open/SG-2026-0002"] = Item(2),
            ["cases/open/SG-2026-0001"] = Item(1),
            ["cases/open%/x"] = Item(3),
            ["cases/open_/x"] = Item(4),
            ["cases/opened"] = Item(5),
            ["Cases/open/SG-2026-0003"] = Item(6),
            ["cases/SG-2026-0001"] = Item(7),
            ["cases/open/é-ünïcode"] = Item(8),
        });

        Assert.Equal(["cases/open/SG-2026-0001", "cases/open/SG-2026-0002", "cases/open/é-ünïcode"], await Storage.ListKeysAsync("cases/open/"));
        Assert.Equal(["cases/open%/x"], await Storage.ListKeysAsync("cases/open%"));
        Assert.Empty(await Storage.ListKeysAsync("nothing/"));
        Assert.Equal(8, (await Storage.ListKeysAsync(string.Empty)).Count(k => k.StartsWith("cases/", StringComparison.Ordinal) || k.StartsWith("Cases/", StringComparison.Ordinal)));

        await Storage.DeleteAsync(["cases/open/SG-2026-0001"]);

        Assert.Equal(["cases/open/SG-2026-0002", "cases/open/é-ünïcode"], await Storage.ListKeysAsync("cases/open/"));
    }

    [SkippableFact]
    public async Task A_counter_gives_every_one_of_many_callers_at_once_its_own_number_with_no_gap()
    {
        var numbers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => Storage.IncrementAsync("counters/x"))));

        Assert.Equal(Enumerable.Range(1, 200).Select(n => (long)n), numbers.Order());
        Assert.Equal(200, (await Storage.ReadAsync(["counters/x"]))["counters/x"].Document["last"]!.GetValue<long>());
    }

    [SkippableFact]
    public async Task A_counter_carries_on_above_its_floor_and_never_goes_back()
    {
        Assert.Equal(42, await Storage.IncrementAsync("counters/y", floor: 41));
        Assert.Equal(43, await Storage.IncrementAsync("counters/y", floor: 41));
        Assert.Equal(44, await Storage.IncrementAsync("counters/y"));
        Assert.Equal(1, await Storage.IncrementAsync("counters/z"));
    }

    [SkippableFact]
    public async Task An_etag_from_before_a_delete_never_matches_the_item_created_again()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });
        var before = (await Storage.ReadAsync(["a"]))["a"];
        await Storage.DeleteAsync(["a"]);
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(2, StoreItem.CreateOnly) });

        before.Document["n"] = 3;

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = before }));
        Assert.Equal(2, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task An_etag_this_store_never_gave_conflicts()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(1) });

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["a"] = Item(2, "not-an-etag") }));
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["b"] = Item(2, "12345") }));
        Assert.Equal(1, (await Storage.ReadAsync(["a"]))["a"].Document["n"]!.GetValue<int>());
        Assert.DoesNotContain("b", await Storage.ReadAsync(["b"]));
    }

    private static StoreItem Item(int n, string? eTag = null) => new(new JsonObject { ["n"] = n }, eTag);
}

public sealed class MemoryStorageTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new MemoryStorage();
}

public sealed class HealthTrackingStorageTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new HealthTrackingStorage(new MemoryStorage());
}

public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly TempDirectory _folder = new();

    private readonly SqliteStorage _storage;

    public SqliteStorageTests() => _storage = new SqliteStorage(_folder.Combine("nested", "state.db"));

    protected override IStorage Storage => _storage;

    [Fact]
    public async Task Data_survives_a_new_storage_instance_on_the_same_file()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["text"] = "kept" }) });

        using var reopened = new SqliteStorage(_folder.Combine("nested", "state.db"));

        Assert.Equal("kept", (await reopened.ReadAsync(["k"]))["k"].Document["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Two_storages_on_the_same_file_never_lose_an_increment()
    {
        // As two bot instances sharing one file would: each has its own writer connection, so only SQLite's lock
        // and the ETag checks keep them apart.
        using var other = new SqliteStorage(_folder.Combine("nested", "state.db"));
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["counter"] = new(new JsonObject { ["n"] = 0 }) });

        static async Task IncrementAsync(IStorage storage, int times)
        {
            for (var done = 0; done < times;)
            {
                var item = (await storage.ReadAsync(["counter"]))["counter"];
                item.Document["n"] = item.Document["n"]!.GetValue<int>() + 1;
                try
                {
                    await storage.WriteAsync(new Dictionary<string, StoreItem> { ["counter"] = item });
                    done++;
                }
                catch (StorageConcurrencyException)
                {
                }
            }
        }

        await Task.WhenAll(
            Task.Run(() => IncrementAsync(Storage, 25)),
            Task.Run(() => IncrementAsync(other, 25)),
            Task.Run(() => IncrementAsync(Storage, 25)),
            Task.Run(() => IncrementAsync(other, 25)));

        Assert.Equal(100, (await other.ReadAsync(["counter"]))["counter"].Document["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_disposed_storage_refuses_writes()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 1 }) });

        _storage.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 2 }, StoreItem.AnyETag) }));
    }

    [Fact]
    public async Task The_file_uses_the_write_ahead_log()
    {
        await Storage.IsReadyAsync();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.Combine("nested", "state.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        _storage.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

public sealed class StoreItemTests
{
    [Fact]
    public void An_item_made_from_its_json_is_stored_as_that_json_until_its_document_is_handed_out_or_replaced()
    {
        var item = new StoreItem("""{ "n": 1 }""", eTag: null, stored: false);

        Assert.Equal("""{ "n": 1 }""", item.ToJson());
        Assert.Null(item.StoredJson);

        item.Document["n"] = 2;
        Assert.Equal("""{"n":2}""", item.ToJson());

        item.Document = new JsonObject { ["n"] = 3 };
        Assert.Equal("""{"n":3}""", item.ToJson());
    }

    [Fact]
    public void An_item_read_from_a_store_keeps_the_text_it_was_read_from_and_parses_it_when_asked()
    {
        var item = new StoreItem("""{"said":"x"}""", eTag: "1", stored: true);

        Assert.Equal("x", item.Document["said"]!.GetValue<string>());
        Assert.Equal("""{"said":"x"}""", item.StoredJson);
        Assert.Empty(new StoreItem("[1]", eTag: "1", stored: true).Document);
    }

    [Fact]
    public void An_item_made_from_a_document_alone_serializes_its_current_document()
    {
        var item = new StoreItem(new JsonObject { ["n"] = 1 });

        item.Document["n"] = 3;

        Assert.Equal("""{"n":3}""", item.ToJson());
    }
}

public sealed class ProtectedStorageTests : StorageContractTests
{
    private readonly MemoryStorage _inner = new();
    private readonly EphemeralDataProtectionProvider _keys = new();

    public ProtectedStorageTests() => Storage = new ProtectedStorage(_inner, _keys);

    protected override IStorage Storage { get; }

    [Fact]
    public async Task The_store_underneath_holds_only_ciphertext_and_callers_see_the_document()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["reports/SG-2026-0001"] = new(new JsonObject { ["said"] = "he has a video of her" }) });

        var raw = (await _inner.ReadAsync(["reports/SG-2026-0001"]))["reports/SG-2026-0001"].Document;
        Assert.Equal(["protected"], raw.Select(p => p.Key));
        Assert.DoesNotContain("video", raw.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("he has a video of her", (await Storage.ReadAsync(["reports/SG-2026-0001"]))["reports/SG-2026-0001"].Document["said"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_document_stored_before_protection_is_read_as_it_is_and_protected_when_next_written()
    {
        await _inner.WriteAsync(new Dictionary<string, StoreItem> { ["old"] = new(new JsonObject { ["n"] = 1 }) });

        var item = (await Storage.ReadAsync(["old"]))["old"];
        Assert.Equal(1, item.Document["n"]!.GetValue<int>());
        item.Document["n"] = 2;
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["old"] = item });

        Assert.Equal(["protected"], (await _inner.ReadAsync(["old"]))["old"].Document.Select(p => p.Key));
        Assert.Equal(2, (await Storage.ReadAsync(["old"]))["old"].Document["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Another_key_ring_or_a_tampered_document_fails_to_read_rather_than_reading_as_missing()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["n"] = 1 }) });

        var otherKeys = new ProtectedStorage(_inner, new EphemeralDataProtectionProvider());
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => otherKeys.ReadAsync(["k"]));

        var raw = (await _inner.ReadAsync(["k"]))["k"];
        var text = raw.Document["protected"]!.GetValue<string>();
        raw.Document["protected"] = text[..^4] + (text[^4] == 'A' ? "B" : "A") + text[^3..];
        await _inner.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = raw });
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => Storage.ReadAsync(["k"]));

        raw.Document["protected"] = text[..^4] + "*" + text[^3..];
        await _inner.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = raw });
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => Storage.ReadAsync(["k"]));
    }

    /// <summary>A wrapper cut short or holding what isn't a sealed document fails to read as damage does.</summary>
    [Theory]
    [InlineData("{\"protected\":\"}")]
    [InlineData("{\"protected\":\"\"}")]
    [InlineData("{\"protected\":\"abc\"}")]
    [InlineData("{\"protected\":\"a+b/\"}")]
    public async Task A_damaged_wrapper_fails_to_read_as_damage(string stored)
    {
        await _inner.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(stored, null, stored: false) });

        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => Storage.ReadAsync(["k"]));
    }

    /// <summary>A sealed document is cut from the text as this class writes it; written any other way (spaced out, escaped) it still reads.</summary>
    [Fact]
    public async Task A_sealed_document_reads_the_same_however_its_wrapper_is_spaced_or_escaped()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["said"] = "it was sent round" }) });
        var sealedText = (await _inner.ReadAsync(["k"]))["k"].Document["protected"]!.GetValue<string>();
        Assert.Equal($$"""{"protected":"{{sealedText}}"}""", (await _inner.ReadAsync(["k"]))["k"].StoredJson);
        var escaped = sealedText[..5] + "\\u" + ((int)sealedText[5]).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) + sealedText[6..];

        foreach (var wrapper in new[] { $$"""{ "protected" : "{{sealedText}}" }""", $$"""{"protected":"{{escaped}}"}""" })
        {
            await _inner.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new StoreItem(wrapper, null, stored: false) });
            Assert.Equal("it was sent round", (await Storage.ReadAsync(["k"]))["k"].Document["said"]!.GetValue<string>());
        }
    }
}

/// <summary>The contract on PostgreSQL (the store for several instances), each test in a schema of its own.</summary>
public sealed class PostgresStorageTests : StorageContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly PostgresStorage _storage;

    public PostgresStorageTests() => _storage = new PostgresStorage(_database.ConnectionString);

    protected override IStorage Storage => _storage;

    [SkippableFact]
    public async Task Two_storages_on_one_database_never_lose_an_increment_and_never_both_create()
    {
        // As two bot instances behind a load balancer: separate connection pools, only the row versions keep them apart.
        await using var other = new PostgresStorage(_database.ConnectionString);
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["counter"] = new(new JsonObject { ["n"] = 0 }) });
        var retry = StorageExtensions.ConflictRetry(maxAttempts: 1000, firstDelay: TimeSpan.FromMilliseconds(1));

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => (i % 2 == 0 ? Storage : other).UpdateAsync("counter", d =>
        {
            d!["n"] = d["n"]!.GetValue<int>() + 1;
            return d;
        }, retry))));

        Assert.Equal(100, (await other.ReadAsync(["counter"]))["counter"].Document["n"]!.GetValue<int>());

        var created = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            try
            {
                await (i % 2 == 0 ? Storage : other).WriteAsync(new Dictionary<string, StoreItem> { ["once"] = new(new JsonObject { ["by"] = i }, StoreItem.CreateOnly) });
                return true;
            }
            catch (StorageConcurrencyException)
            {
                return false;
            }
        })));
        Assert.Equal(1, created.Count(c => c));
    }

    [SkippableFact]
    public async Task Data_survives_a_new_storage_on_the_same_database()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["text"] = "kept" }) });

        await using var reopened = new PostgresStorage(_database.ConnectionString);

        Assert.Equal("kept", (await reopened.ReadAsync(["k"]))["k"].Document["text"]!.GetValue<string>());
        Assert.True(await reopened.IsReadyAsync());
    }

    [SkippableFact]
    public async Task A_server_that_is_down_is_not_ready_and_a_write_fails_loudly()
    {
        var nowhere = new Npgsql.NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var down = new PostgresStorage(nowhere);

        Assert.False(await down.IsReadyAsync());
        await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => down.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject()) }));
    }

    public void Dispose()
    {
        _storage.Dispose();
        _database.Dispose();
    }
}

/// <summary>The contract through the encrypting decorator, on SQLite.</summary>
public sealed class ProtectedSqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly SqliteStorage _inner;

    public ProtectedSqliteStorageTests()
    {
        _inner = new SqliteStorage(_folder.Combine("state.db"));
        Storage = new ProtectedStorage(_inner, new EphemeralDataProtectionProvider());
    }

    protected override IStorage Storage { get; }

    public void Dispose()
    {
        _inner.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

/// <summary>The contract through the encrypting decorator, on PostgreSQL.</summary>
public sealed class ProtectedPostgresStorageTests : StorageContractTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();
    private readonly PostgresStorage _inner;

    public ProtectedPostgresStorageTests()
    {
        _inner = new PostgresStorage(_database.ConnectionString);
        Storage = new ProtectedStorage(_inner, new EphemeralDataProtectionProvider());
    }

    protected override IStorage Storage { get; }

    [SkippableFact]
    public async Task The_rows_hold_only_ciphertext()
    {
        await Storage.WriteAsync(new Dictionary<string, StoreItem> { ["k"] = new(new JsonObject { ["text"] = "a secret" }) });

        var raw = (await _inner.ReadAsync(["k"]))["k"].Document.ToJsonString();

        Assert.DoesNotContain("a secret", raw, StringComparison.Ordinal);
        Assert.Equal("a secret", (await Storage.ReadAsync(["k"]))["k"].Document["text"]!.GetValue<string>());
    }

    public void Dispose()
    {
        _inner.Dispose();
        _database.Dispose();
    }
}
