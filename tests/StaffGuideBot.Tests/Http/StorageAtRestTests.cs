using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Tests.Flow;

namespace StaffGuideBot.Tests.Http;

/// <summary>What a member of staff records is encrypted in the SQLite file, and readable again by the next start with the same key ring.</summary>
public sealed class StorageAtRestTests : IDisposable
{
    private const string Marker = "Verbatim-7f3a: he said he would post the video";

    private readonly string _folder = Directory.CreateTempSubdirectory("sgb-at-rest-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_draft_is_stored_encrypted_with_its_key_ring_beside_the_database_and_read_back_after_a_restart()
    {
        await using (var first = Start())
        {
            var chat = new ChatDriver(first.CreateClient(), "a:at-rest");
            await chat.WalkToFactsAsync();
            await chat.ClickAsync("Next", new Dictionary<string, string> { ["came_to_attention"] = "child_told", ["found_out_date"] = "2026-11-20" });
            await chat.ClickAsync("Next", new Dictionary<string, string> { ["what_was_said"] = Marker });
        }

        var rows = await RawRowsAsync();
        Assert.Contains(rows, r => r.StartsWith("msteams/conversations/a:at-rest ", StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("Verbatim-7f3a", r, StringComparison.Ordinal));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "keys"), "key-*.xml"));

        await using var second = Start();
        var stored = await second.Services.GetRequiredService<IStorage>().ReadAsync(["msteams/conversations/a:at-rest"]);
        Assert.Contains(Marker, stored.Values.Single().Document.ToJsonString(), StringComparison.Ordinal);
    }

    private BotApplicationFactory Start() => new(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = Path.Combine(_folder, "state.db"),
    });

    private async Task<List<string>> RawRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "state.db")};Mode=ReadOnly");
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
