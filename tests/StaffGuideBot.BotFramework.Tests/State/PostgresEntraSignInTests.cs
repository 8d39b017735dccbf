using Azure.Core;
using Npgsql;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.State;

/// <summary>
/// Azure Database for PostgreSQL with Entra authentication: the managed identity's access token is the password. The
/// test server (.ci/postgres.sh) makes the role <c>staffguidebot_entra</c> sign in with a password, so a token that is
/// not the role's password is refused, as Azure refuses a wrong token.
/// </summary>
public sealed class PostgresEntraSignInTests : IDisposable
{
    private const string Role = "staffguidebot_entra";
    private readonly PostgresTestDatabase _database = new();

    [SkippableFact]
    public async Task The_storage_signs_in_with_a_token_for_the_database_scope_and_a_wrong_token_is_refused()
    {
        var token = "token-" + Guid.NewGuid().ToString("N");
        await PrepareRoleAsync(token);
        var asRole = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = Role, Password = null }.ConnectionString;
        var credential = new RecordingCredential(token);

        await using (var storage = PostgresStorage.WithEntraTokens(asRole, credential))
        {
            Assert.Equal(1, await storage.IncrementAsync("counters/sign-in", floor: 0));
            Assert.True(await storage.IsReadyAsync());
        }

        Assert.Equal([PostgresStorage.EntraTokenScope], credential.Scopes.Distinct());

        await using var refused = PostgresStorage.WithEntraTokens(asRole, new RecordingCredential("an-expired-token"));
        Assert.False(await refused.IsReadyAsync());
    }

    public void Dispose() => _database.Dispose();

    private async Task PrepareRoleAsync(string password)
    {
        await using var admin = new NpgsqlConnection(_database.ConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand(
            $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{Role}') THEN CREATE ROLE {Role} LOGIN; END IF; END $$; " +
            $"ALTER ROLE {Role} PASSWORD '{password}'; GRANT ALL ON SCHEMA {_database.Schema} TO {Role};", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        // Only meaningful where the server asks this role for its password (CI's server does; a developer's may trust it).
        var withoutPassword = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Username = Role, Password = "not-it" }.ConnectionString;
        await using var probe = new NpgsqlConnection(withoutPassword);
        var trusted = true;
        try
        {
            await probe.OpenAsync();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            trusted = false;
        }

        if (trusted && string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The PostgreSQL server lets {Role} in without its password: start it with .ci/postgres.sh.");
        }

        Skip.If(trusted, $"This PostgreSQL server lets {Role} in without a password, so a token sign-in can't be told apart; .ci/postgres.sh starts one that asks.");
    }

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
