using Npgsql;

namespace StaffGuideBot.Tests.Support;

/// <summary>
/// A schema of its own on the PostgreSQL server named by <c>STAFFGUIDEBOT_TEST_POSTGRES</c> (an Npgsql connection
/// string; <c>.ci/postgres.sh</c> starts a throw-away server and sets it), dropped on dispose. Without a server the
/// test is skipped and says why; in CI (<c>CI=true</c>) it fails instead, so the PostgreSQL tests can't silently not run.
/// Use it in a <c>[SkippableFact]</c>. StaffGuideBot.BotFramework.Tests compiles this same file.
/// </summary>
public sealed class PostgresTestDatabase : IDisposable
{
    public const string Variable = "STAFFGUIDEBOT_TEST_POSTGRES";

    public PostgresTestDatabase()
    {
        var server = RequireServer();
        Schema = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE SCHEMA {Schema}", connection);
            command.ExecuteNonQuery();
        }

        // A small pool per test: many tests (and two test assemblies) share the one server.
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = Schema, MaxPoolSize = 20 }.ConnectionString;
    }

    /// <summary>The schema every table of this test goes in.</summary>
    public string Schema { get; }

    /// <summary>The server's connection string with this test's schema as the search path.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's connection string, or a skip (a failure in CI) when there is none.</summary>
    public static string RequireServer()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(server))
        {
            return server;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{Variable} is not set: in CI the PostgreSQL tests must run (.ci/run starts a server with .ci/postgres.sh).");
        }

        Skip.If(true, $"No PostgreSQL server: set {Variable} to an Npgsql connection string, or run `source .ci/postgres.sh` first (it starts a throw-away server).");
        return string.Empty;
    }

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(RequireServer());
            connection.Open();
            using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // best effort: the server is thrown away at the end of the run
        }
    }
}
