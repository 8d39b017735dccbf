using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Core;
using Npgsql;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// <see cref="IStorage"/> in one PostgreSQL table, for several bot instances behind a load balancer (SQLite stays the
/// zero-set-up default). Each row's ETag is its version, drawn from one sequence, so an ETag is never used twice, not
/// even for a key deleted and created again. The ETag check is the write itself (<c>UPDATE … WHERE version = …</c>,
/// <c>INSERT … ON CONFLICT DO NOTHING</c>), made under the row's lock, so two instances writing the same item can't
/// both succeed. A write of several items is one transaction: all or nothing.
/// </summary>
/// <remarks>
/// The table and sequence are created on first use if missing, under an advisory lock so that instances starting
/// together don't collide. Keys are compared in the <c>C</c> collation, so listing a prefix is a range over the
/// primary key in ordinal order, as on every provider.
/// </remarks>
public sealed class PostgresStorage : IStorage, IAsyncDisposable, IDisposable
{
    /// <summary>The table that holds every item.</summary>
    public const string Table = "staffguidebot_items";

    private const string Sequence = "staffguidebot_item_version";

    private const string UpsertSql = $"""
        INSERT INTO {Table} (key, version, document, updated_at) VALUES ($1, nextval('{Sequence}'), $2, now())
        ON CONFLICT (key) DO UPDATE SET version = excluded.version, document = excluded.document, updated_at = excluded.updated_at
        RETURNING version
        """;

    private const string CreateSql = $"""
        INSERT INTO {Table} (key, version, document, updated_at) VALUES ($1, nextval('{Sequence}'), $2, now())
        ON CONFLICT (key) DO NOTHING
        RETURNING version
        """;

    private const string ReplaceSql = $"""
        UPDATE {Table} SET version = nextval('{Sequence}'), document = $2, updated_at = now()
        WHERE key = $1 AND version = $3
        RETURNING version
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly Lock _initialising = new();
    private Task? _initialised;

    /// <summary>Storage on <paramref name="dataSource"/> (which this storage does not dispose).</summary>
    public PostgresStorage(NpgsqlDataSource dataSource)
        : this(dataSource, ownsDataSource: false)
    {
    }

    /// <summary>Storage on a new data source for <paramref name="connectionString"/>.</summary>
    public PostgresStorage(string connectionString)
        : this(NpgsqlDataSource.Create(connectionString), ownsDataSource: true)
    {
    }

    /// <summary>The scope of an Entra access token for Azure Database for PostgreSQL.</summary>
    public const string EntraTokenScope = "https://ossrdbms-aad.database.windows.net/.default";

    /// <summary>
    /// Storage whose connections sign in with an Entra access token from <paramref name="credential"/> (e.g. the bot's
    /// managed identity) as their password: Azure Database for PostgreSQL with Entra authentication, no password
    /// anywhere. A token is fetched before the first connection and renewed every 30 minutes, well before it expires
    /// (10 seconds after a failure).
    /// </summary>
    public static PostgresStorage WithEntraTokens(string connectionString, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UsePeriodicPasswordProvider(
            async (_, cancellationToken) => (await credential.GetTokenAsync(new TokenRequestContext([EntraTokenScope]), cancellationToken).ConfigureAwait(false)).Token,
            TimeSpan.FromMinutes(30),
            TimeSpan.FromSeconds(10));
        return new PostgresStorage(builder.Build(), ownsDataSource: true);
    }

    private PostgresStorage(NpgsqlDataSource dataSource, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    public async Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        await InitialisedAsync().ConfigureAwait(false);
        await using var command = keys.Count == 1
            ? _dataSource.CreateCommand($"SELECT key, version, document FROM {Table} WHERE key = $1")
            : _dataSource.CreateCommand($"SELECT key, version, document FROM {Table} WHERE key = ANY($1)");
        command.Parameters.Add(keys.Count == 1 ? new NpgsqlParameter<string> { TypedValue = keys.First() } : new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var json = reader.GetString(2);
            result[reader.GetString(0)] = new StoreItem(json, ETagOf(reader.GetInt64(1)), stored: true);
        }

        return result;
    }

    public async Task WriteAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await InitialisedAsync().ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        // One item is one statement (its own transaction); several are one transaction, rolled back on any conflict.
        await using var transaction = changes.Count > 1 ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        var newETags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        foreach (var (key, item) in changes)
        {
            var eTag = item.ETag;
            var replacing = !(eTag is null or StoreItem.AnyETag or StoreItem.CreateOnly);
            long expected = 0;
            if (replacing && !long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out expected))
            {
                // Not an ETag this store ever gave: it can't be the current one.
                throw StorageConcurrency.Conflict(key, eTag);
            }

            await using var command = new NpgsqlCommand(eTag switch
            {
                null or StoreItem.AnyETag => UpsertSql,
                StoreItem.CreateOnly => CreateSql,
                _ => ReplaceSql,
            }, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = item.ToJson() });
            if (replacing)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected });
            }

            var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (version is not long written)
            {
                // No row: the item exists (create-only), or is gone or has another version (replace). The transaction
                // is rolled back when it is disposed, so nothing of this batch is written.
                throw StorageConcurrency.Conflict(key, eTag);
            }

            newETags[key] = ETagOf(written);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (key, item) in changes)
        {
            item.ETag = newETags[key];
        }
    }

    /// <summary>One statement: the row's lock makes concurrent callers (on any instance) take turns, each with its own number.</summary>
    public async Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        await InitialisedAsync().ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {Table} AS t (key, version, document, updated_at)
            VALUES ($1, nextval('{Sequence}'), jsonb_build_object('last', $2::bigint + 1)::text, now())
            ON CONFLICT (key) DO UPDATE SET
                document = jsonb_build_object('last', greatest(coalesce((t.document::jsonb ->> 'last')::bigint, 0), $2::bigint) + 1)::text,
                version = excluded.version, updated_at = excluded.updated_at
            RETURNING (document::jsonb ->> 'last')::bigint
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = floor });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        await InitialisedAsync().ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"DELETE FROM {Table} WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. keys] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A range over the primary key (from the prefix up to the prefix followed by the highest character), in the C collation.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await InitialisedAsync().ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand($"SELECT key FROM {Table} WHERE key >= $1 AND key < $2 ORDER BY key");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = prefix + char.ConvertFromUtf32(0x10FFFF) });
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await InitialisedAsync().ConfigureAwait(false);
            await using var command = _dataSource.CreateCommand($"SELECT count(*) FROM {Table} WHERE false");
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string ETagOf(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The table, created once; a failed attempt (the server was down) is tried again by the next call.</summary>
    private Task InitialisedAsync()
    {
        lock (_initialising)
        {
            if (_initialised is null || _initialised.IsFaulted || _initialised.IsCanceled)
            {
                _initialised = InitialiseAsync();
            }

            return _initialised;
        }
    }

    private async Task InitialiseAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock(hashtext('{Table}'));
            CREATE SEQUENCE IF NOT EXISTS {Sequence};
            CREATE TABLE IF NOT EXISTS {Table} (
                key text COLLATE "C" NOT NULL PRIMARY KEY,
                version bigint NOT NULL,
                document text NOT NULL,
                updated_at timestamptz NOT NULL
            );
            """, connection, transaction);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
    }
}
