using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Http;

/// <summary>What a member of staff records is encrypted in the SQLite file, and readable again by the next start with the same key ring.</summary>
public sealed class StorageAtRestTests : IDisposable
{
    private const string Marker = "Verbatim-7f3a: he said he would post the video";

    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_draft_is_stored_encrypted_with_its_key_ring_beside_the_database_and_read_back_after_a_restart()
    {
        await using (var first = Start())
        {
            var chat = new ChatDriver(first.CreateClient(), "a:at-rest");
            await chat.WalkToChildrenAsync(Marker);
        }

        var rows = await RawRowsAsync();
        Assert.Contains(rows, r => r.StartsWith("msteams/conversations/a:at-rest ", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("Verbatim-7f3a", r, StringComparison.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(_folder.Combine("keys"), "key-*.xml"));

        await using var second = Start();
        var stored = await second.Services.GetRequiredService<IStorage>().ReadAsync(["msteams/conversations/a:at-rest"]);
        Assert.Contains(Marker, stored.Values.Single().Document.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task On_linux_the_database_its_wal_and_shm_and_the_key_files_are_owner_only_and_their_folders_unlistable_by_others()
    {
        Assert.True(OperatingSystem.IsLinux(), "File modes are checked on Linux, where the bot is deployed.");
        var data = _folder.Combine("data");
        await using (var bot = Start(Path.Combine(data, "state.db")))
        {
            var chat = new ChatDriver(bot.CreateClient(), "a:modes");
            await chat.WalkToFactsAsync();
            const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

            // While the bot runs, the WAL and shared-memory files exist beside the database.
            foreach (var file in new[] { "state.db", "state.db-wal", "state.db-shm" })
            {
                Assert.True(File.Exists(Path.Combine(data, file)), $"{file} was expected to exist");
                Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(data, file)));
            }

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(data, "keys")));
            var keys = Directory.GetFiles(Path.Combine(data, "keys"), "key-*.xml");
            Assert.NotEmpty(keys);
            Assert.All(keys, key => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(key)));
        }
    }

    private BotApplicationFactory Start(string? path = null) => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = path ?? _folder.Combine("state.db"),
    });

    private async Task<List<string>> RawRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.Combine("state.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key || ' ' || document FROM items";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
