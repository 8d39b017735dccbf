using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// <see cref="IStorage"/> in one SQLite file (WAL journal), the zero-set-up default.
/// Writes of several items are one transaction; ETag checks are made inside it, so a conflicting write changes nothing.
/// </summary>
/// <remarks>
/// Writes (and deletes) go through one long-lived connection, one at a time: it is set up once
/// (<c>synchronous = NORMAL</c>, which with WAL loses no committed write when the process crashes, and a busy timeout
/// for other processes) and keeps its statements prepared. Reads use a few reader connections of this storage's own
/// (a small page cache each, the single-key read prepared once), handed out one read at a time: WAL readers never wait
/// for the writer.
/// </remarks>
public sealed class SqliteStorage : IStorage, IDisposable
{
    private const string SelectETagSql = "SELECT etag FROM items WHERE key = $key";

    private const string UpsertSql = """
        INSERT INTO items (key, etag, document, updated_at) VALUES ($key, $etag, $document, $now)
        ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
        """;

    private const string DeleteSql = "DELETE FROM items WHERE key = $key";

    /// <summary>How many reads run at once: reads are short and, in Microsoft.Data.Sqlite, synchronous, so a few per core is plenty.</summary>
    private static readonly int ReaderCount = Math.Max(4, Environment.ProcessorCount * 2);

    private const int ReaderCacheKiB = 1024;

    private readonly string _writeConnectionString;
    private readonly Lazy<Task> _initialised;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Reader connections, at most <see cref="ReaderCount"/>, each with its single-key read prepared once.</summary>
    private readonly System.Collections.Concurrent.ConcurrentBag<Reader> _idleReaders = [];
    private readonly SemaphoreSlim _readerSlots = new(ReaderCount, ReaderCount);
    private Writer? _writer;
    private bool _disposed;

    /// <summary>Held for this storage's life: a restore won't replace the database under a running bot.</summary>
    private readonly FileStream _inUse;

    public SqliteStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        // Created owner-only before SQLite opens it: its -wal and -shm files then get the same mode.
        OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        OwnerOnlyFiles.CreateFile(fullPath);
        _inUse = SqliteInUse.Share(fullPath);
        // Every connection (the writer, the readers) is kept open by this storage, so none goes in Microsoft.Data.Sqlite's pool.
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        FilePath = fullPath;
        _initialised = new Lazy<Task>(InitialiseAsync);
    }

    public string FilePath { get; }

    public async Task<IDictionary<string, StoreItem>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<string, StoreItem>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return result;
        }

        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        var healthy = false;
        try
        {
            if (keys.Count == 1)
            {
                reader.SelectOne.Parameters["$k0"].Value = keys.First();
                await ReadItemsAsync(reader.SelectOne, result, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var command = reader.Connection.CreateCommand();
                var names = new List<string>(keys.Count);
                var i = 0;
                foreach (var key in keys)
                {
                    var name = "$k" + i++;
                    names.Add(name);
                    command.Parameters.AddWithValue(name, key);
                }

                command.CommandText = $"SELECT key, etag, document FROM items WHERE key IN ({string.Join(',', names)})";
                await ReadItemsAsync(command, result, cancellationToken).ConfigureAwait(false);
            }

            healthy = true;
        }
        finally
        {
            ReturnReader(reader, healthy);
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

        await WithWriterAsync(writer => WriteLockedAsync(writer, changes, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return;
        }

        await WithWriterAsync(async writer =>
        {
            foreach (var key in keys)
            {
                writer.Delete.Parameters["$key"].Value = key;
                await writer.Delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One statement (SQLite's JSON functions and RETURNING) on the writer's connection, so two callers never get one number.</summary>
    public async Task<long> IncrementAsync(string key, long floor = 0, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        long next = 0;
        await WithWriterAsync(async writer =>
        {
            await using var command = writer.Connection.CreateCommand();
            command.CommandText = """
                INSERT INTO items (key, etag, document, updated_at) VALUES ($key, $etag, json_object('last', $floor + 1), $now)
                ON CONFLICT (key) DO UPDATE SET
                    document = json_object('last', max(coalesce(json_extract(items.document, '$.last'), 0), $floor) + 1),
                    etag = excluded.etag, updated_at = excluded.updated_at
                RETURNING json_extract(document, '$.last')
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$etag", Guid.NewGuid().ToString("N"));
            command.Parameters.AddWithValue("$floor", floor);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            next = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>A range over the primary key (keys from the prefix up to the prefix followed by the highest character), so no scan and no LIKE escaping.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
        var healthy = false;
        var keys = new List<string>();
        try
        {
            await using var command = reader.Connection.CreateCommand();
            command.CommandText = "SELECT key FROM items WHERE key >= $from AND key < $to ORDER BY key";
            command.Parameters.AddWithValue("$from", prefix);
            command.Parameters.AddWithValue("$to", prefix + char.ConvertFromUtf32(0x10FFFF));
            await using (var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    keys.Add(rows.GetString(0));
                }
            }

            healthy = true;
        }
        finally
        {
            ReturnReader(reader, healthy);
        }

        return keys;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var reader = await RentReaderAsync(cancellationToken).ConfigureAwait(false);
            var healthy = false;
            try
            {
                await using var command = reader.Connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM items WHERE 0";
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                healthy = true;
                return true;
            }
            finally
            {
                ReturnReader(reader, healthy);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _writeGate.Wait();
        try
        {
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            while (_idleReaders.TryTake(out var reader))
            {
                reader.Dispose();
            }

            _inUse.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static async Task WriteLockedAsync(Writer writer, IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE takes the write lock first, so the ETag check and the write see the same data.
        await using var transaction = writer.Connection.BeginTransaction(deferred: false);
        writer.SelectETag.Transaction = transaction;
        writer.Upsert.Transaction = transaction;
        var newETags = new Dictionary<string, string>(changes.Count, StringComparer.Ordinal);
        foreach (var (key, item) in changes)
        {
            writer.SelectETag.Parameters["$key"].Value = key;
            var current = await writer.SelectETag.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            StorageConcurrency.Check(key, item.ETag, current);
            var eTag = Guid.NewGuid().ToString("N");
            writer.Upsert.Parameters["$key"].Value = key;
            writer.Upsert.Parameters["$etag"].Value = eTag;
            writer.Upsert.Parameters["$document"].Value = item.ToJson();
            writer.Upsert.Parameters["$now"].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await writer.Upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            newETags[key] = eTag;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (key, item) in changes)
        {
            item.ETag = newETags[key];
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's connection, one writer at a time. Writers in this process take
    /// turns here, asynchronously, so they never meet SQLite's write lock: a busy lock makes Microsoft.Data.Sqlite block
    /// its thread for 150 ms before retrying (other processes are kept out by BEGIN IMMEDIATE). When the work fails
    /// (other than a refused ETag or a cancellation), its transaction was rolled back and the next write starts on a
    /// fresh connection all the same.
    /// </summary>
    private async Task WithWriterAsync(Func<Writer, Task> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await work(writer).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not (StorageConcurrencyException or OperationCanceledException))
            {
                await ResetWriterAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The writer's connection, opened and set up on first use (call with the write gate held).</summary>
    private async Task<Writer> GetWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is not null)
        {
            return _writer;
        }

        await _initialised.Value.ConfigureAwait(false);
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragma = connection.CreateCommand())
            {
                // WAL is a property of the file (set once in InitialiseAsync); synchronous and busy_timeout are per
                // connection. The busy timeout lets SQLite wait briefly for another process's write instead of
                // Microsoft.Data.Sqlite's 150 ms sleeps.
                pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 1000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _writer = new Writer(connection);
            return _writer;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task ResetWriterAsync()
    {
        var writer = _writer;
        _writer = null;
        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A reader connection from the pool (opened and set up when there is none free), waiting while all are busy.</summary>
    private async Task<Reader> RentReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _initialised.Value.ConfigureAwait(false);
        await _readerSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_idleReaders.TryTake(out var idle))
        {
            return idle;
        }

        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragma = connection.CreateCommand())
            {
                // A small page cache each: the OS caches the file, and a few readers with small caches keep memory flat.
                pragma.CommandText = $"PRAGMA cache_size = -{ReaderCacheKiB}; PRAGMA busy_timeout = 1000;";
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return new Reader(connection);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            _readerSlots.Release();
            throw;
        }
    }

    /// <summary>Back to the pool; one that failed is closed instead (the next rent opens a fresh one).</summary>
    private void ReturnReader(Reader reader, bool healthy)
    {
        if (healthy && !_disposed)
        {
            _idleReaders.Add(reader);
        }
        else
        {
            reader.Dispose();
        }

        _readerSlots.Release();
    }

    private static async Task ReadItemsAsync(SqliteCommand command, Dictionary<string, StoreItem> result, CancellationToken cancellationToken)
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[rows.GetString(0)] = new StoreItem(rows.GetString(2), rows.GetString(1), stored: true);
        }
    }

    private async Task InitialiseAsync()
    {
        await using var connection = new SqliteConnection(_writeConnectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS items (
                key TEXT NOT NULL PRIMARY KEY,
                etag TEXT NOT NULL,
                document TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
            """;
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The long-lived write connection and its prepared commands.</summary>
    private sealed class Writer : IDisposable, IAsyncDisposable
    {
        public Writer(SqliteConnection connection)
        {
            Connection = connection;
            SelectETag = Command(connection, SelectETagSql, "$key");
            Upsert = Command(connection, UpsertSql, "$key", "$etag", "$document", "$now");
            Delete = Command(connection, DeleteSql, "$key");
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand SelectETag { get; }

        public SqliteCommand Upsert { get; }

        public SqliteCommand Delete { get; }

        public void Dispose()
        {
            SelectETag.Dispose();
            Upsert.Dispose();
            Delete.Dispose();
            Connection.Dispose();
        }

        public async ValueTask DisposeAsync()
        {
            await SelectETag.DisposeAsync().ConfigureAwait(false);
            await Upsert.DisposeAsync().ConfigureAwait(false);
            await Delete.DisposeAsync().ConfigureAwait(false);
            await Connection.DisposeAsync().ConfigureAwait(false);
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }
    }

    /// <summary>A pooled reader connection and its prepared single-key read.</summary>
    private sealed class Reader : IDisposable
    {
        public Reader(SqliteConnection connection)
        {
            Connection = connection;
            SelectOne = connection.CreateCommand();
            SelectOne.CommandText = "SELECT key, etag, document FROM items WHERE key = $k0";
            SelectOne.Parameters.Add(new SqliteParameter { ParameterName = "$k0" });
        }

        public SqliteConnection Connection { get; }

        public SqliteCommand SelectOne { get; }

        public void Dispose()
        {
            SelectOne.Dispose();
            Connection.Dispose();
        }
    }
}
