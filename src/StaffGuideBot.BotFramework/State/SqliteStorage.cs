using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// <see cref="IStorage"/> in one SQLite file (WAL journal), the zero-set-up default.
/// Writes of several items are one transaction; ETag checks are made inside it, so a conflicting write changes nothing.
/// </summary>
public sealed class SqliteStorage : IStorage, IDisposable
{
    private readonly string _connectionString;
    private readonly Lazy<Task> _initialised;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteStorage(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
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

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var names = new List<string>(keys.Count);
        var i = 0;
        foreach (var key in keys)
        {
            var name = "$k" + i++;
            names.Add(name);
            command.Parameters.AddWithValue(name, key);
        }

        command.CommandText = $"SELECT key, etag, document FROM items WHERE key IN ({string.Join(',', names)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var document = JsonNode.Parse(reader.GetString(2)) as JsonObject ?? new JsonObject();
            result[reader.GetString(0)] = new StoreItem(document, reader.GetString(1));
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

        // Writers in this process take turns here, asynchronously, so they never meet SQLite's write lock: a busy
        // lock makes Microsoft.Data.Sqlite block its thread for 150 ms before retrying. Other processes are still
        // kept out by BEGIN IMMEDIATE below.
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLockedAsync(changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task WriteLockedAsync(IReadOnlyDictionary<string, StoreItem> changes, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // BEGIN IMMEDIATE takes the write lock first, so the ETag check and the write see the same data.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var newETags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, item) in changes)
        {
            var current = await ReadETagAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
            StorageConcurrency.Check(key, item.ETag, current);
            var eTag = Guid.NewGuid().ToString("N");
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = """
                INSERT INTO items (key, etag, document, updated_at) VALUES ($key, $etag, $document, $now)
                ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, document = excluded.document, updated_at = excluded.updated_at
                """;
            write.Parameters.AddWithValue("$key", key);
            write.Parameters.AddWithValue("$etag", eTag);
            write.Parameters.AddWithValue("$document", item.Document.ToJsonString());
            write.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            newETags[key] = eTag;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (key, item) in changes)
        {
            item.ETag = newETags[key];
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var key in keys)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM items WHERE key = $key";
                command.Parameters.AddWithValue("$key", key);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose() => _writeGate.Dispose();

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM items WHERE 0";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static async Task<string?> ReadETagAsync(SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT etag FROM items WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _initialised.Value.ConfigureAwait(false);
        return await OpenRawAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            // WAL is a property of the file (set once below); synchronous is per connection.
            pragma.CommandText = "PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task InitialiseAsync()
    {
        await using var connection = await OpenRawAsync(CancellationToken.None).ConfigureAwait(false);
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
}
