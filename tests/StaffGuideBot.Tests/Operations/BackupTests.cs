using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Operations;
using StaffGuideBot.Tests.Dsl;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Operations;

/// <summary>
/// <c>backup</c>, <c>backup verify</c> and <c>restore</c>: a backup taken while the bot runs (with its latest writes
/// still in the <c>-wal</c> file) restores into an empty folder where a new bot reads every report back as it was;
/// without the certificate that protects the key ring it can't be read; every refusal is one line and loses nothing.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const string Password = "pfx-password-for-tests";

    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_backup_taken_while_the_bot_runs_restores_into_an_empty_folder_and_every_report_reads_back_as_it_was()
    {
        var live = _folder.Combine("live", "state.db");
        var originals = new List<(Report Report, ReportCase Case)>();
        await using (var bot = Start(live))
        {
            var references = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var chat = new ChatDriver(bot.CreateClient(), $"a:personal-{i}");
                await DslTestData.SendWholeReportAsync(chat);
                references.Add(Regex.Match(chat.LastText, @"SG-\d{4}-\d{4}").Value);
            }

            await bot.Services.GetRequiredService<DslDelivery>().DeliverDueAsync();
            foreach (var reference in references)
            {
                originals.Add(((await bot.Services.GetRequiredService<IReportStore>().FindAsync(reference))!, (await bot.Services.GetRequiredService<CaseStore>().FindAsync(reference))!));
            }

            // The bot is still running: its latest writes are in the -wal file, which a copy of the .db alone would lose.
            Assert.True(new FileInfo(live + "-wal").Length > 0);
            Assert.True(ReportsInTheDbFileAlone(live) < 3, "the reports were all checkpointed into the .db file: this test would not show the -wal is backed up");
            var (code, output, error) = await RunAsync(live, "backup", _folder.Combine("backup"));
            Assert.True(code == BackupCommand.Success, error);
            Assert.Contains("3 reports, 1 content versions) and 1 key(s) to", output, StringComparison.Ordinal);
            Assert.Contains("not protected by a certificate", output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(_folder.Combine("backup", "content", "england", "flow.yaml")));
        Assert.False(File.Exists(_folder.Combine("backup", "staffguidebot.db-wal")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder.Combine("backup")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.Combine("backup", "staffguidebot.db")));
        }

        var verified = await RunAsync(live, "backup", "verify", _folder.Combine("backup"));
        Assert.True(verified.Code == BackupCommand.Success, verified.Error);
        Assert.Contains("3 reports) was read back with the key ring", verified.Output, StringComparison.Ordinal);

        var restoredPath = _folder.Combine("restored", "state.db");
        var restored = await RunAsync(restoredPath, "restore", _folder.Combine("backup"));
        Assert.True(restored.Code == BackupCommand.Success, restored.Error);
        Assert.Contains("3 reports) was read back", restored.Output, StringComparison.Ordinal);

        await using var again = Start(restoredPath);
        foreach (var (report, reportCase) in originals)
        {
            var read = await again.Services.GetRequiredService<IReportStore>().FindAsync(report.Reference);
            Assert.Equal(JsonSerializer.Serialize(report, BotJson.Options), JsonSerializer.Serialize(read, BotJson.Options));
            var readCase = await again.Services.GetRequiredService<CaseStore>().FindAsync(report.Reference);
            Assert.Equal(JsonSerializer.Serialize(reportCase, BotJson.Options), JsonSerializer.Serialize(readCase, BotJson.Options));

            // The content version the report was made with came back too (decrypted), not only the live pack's files.
            var snapshot = "content/versions/" + report.ContentVersion;
            Assert.True((await again.Services.GetRequiredService<IStorage>().ReadAsync([snapshot])).ContainsKey(snapshot), snapshot);
        }

        // The numbering carries on after the restored reports.
        Assert.Equal("SG-2026-0004", await again.Services.GetRequiredService<IReportStore>().NextReferenceAsync(2026));
    }

    [Fact]
    public async Task A_backup_of_a_protected_key_ring_is_read_only_with_the_certificate()
    {
        var pfx = WriteCertificate();
        var live = _folder.Combine("live", "state.db");
        await using (var bot = Start(live, ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", Password)))
        {
            await DslTestData.HandOffAsync(bot, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
            var (code, output, error) = await RunAsync(live, "backup", _folder.Combine("backup"));
            Assert.True(code == BackupCommand.Success, error);
            Assert.Contains("protected by the certificate: keep the certificate", output, StringComparison.Ordinal);
        }

        var without = await RunAsync(live, "backup", "verify", _folder.Combine("backup"));
        Assert.Equal(BackupCommand.Failure, without.Code);
        Assert.Contains("documents can't be decrypted with this key ring", without.Error, StringComparison.Ordinal);

        var with = await RunAsync(live, ["backup", "verify", _folder.Combine("backup")], ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", Password));
        Assert.True(with.Code == BackupCommand.Success, with.Error);
        Assert.Contains("1 reports) was read back", with.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_refusal_is_one_line_and_loses_nothing()
    {
        var live = await LiveDatabaseWithOneReportAsync();

        // Into a folder that already holds something.
        Directory.CreateDirectory(_folder.Combine("busy"));
        await File.WriteAllTextAsync(_folder.Combine("busy", "notes.txt"), "kept");
        AssertOneLine(await RunAsync(live, "backup", _folder.Combine("busy")), "is not an empty folder");
        Assert.Equal("kept", await File.ReadAllTextAsync(_folder.Combine("busy", "notes.txt")));

        // From a folder that isn't there, or isn't a backup.
        AssertOneLine(await RunAsync(_folder.Combine("other", "state.db"), "restore", _folder.Combine("missing")), "there is no folder at");
        AssertOneLine(await RunAsync(live, "backup", "verify", _folder.Combine("missing")), "there is no folder at");
        AssertOneLine(await RunAsync(_folder.Combine("other", "state.db"), "restore", _folder.Combine("busy")), "is not a StaffGuideBot backup");

        // Over data that is there already: refused; with --replace, the data is moved aside, not deleted.
        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);
        AssertOneLine(await RunAsync(live, "restore", _folder.Combine("backup")), "there is already data at");
        var replaced = await RunAsync(live, "restore", _folder.Combine("backup"), "--replace");
        Assert.True(replaced.Code == BackupCommand.Success, replaced.Error);
        var aside = Assert.Single(Directory.GetDirectories(_folder.Combine("live"), "before-restore-*"));
        Assert.True(File.Exists(Path.Combine(aside, "state.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(aside, "keys"), "*.xml"));

        // Nothing to back up yet; PostgreSQL and Memory are told what to do instead; a command line it can't read.
        AssertOneLine(await RunAsync(_folder.Combine("none", "state.db"), "backup", _folder.Combine("b2")), "there is no database at");
        AssertOneLine(await RunAsync(live, ["backup", _folder.Combine("b3")], ("Storage:Provider", "Postgres")), "back it up with pg_dump");
        AssertOneLine(await RunAsync(live, ["restore", _folder.Combine("backup")], ("Storage:Provider", "Memory")), "nothing is kept");
        Assert.Equal(BackupCommand.UsageError, (await RunAsync(live, "backup")).Code);
        Assert.Equal(BackupCommand.UsageError, (await RunAsync(live, "backup", _folder.Combine("b4"), "--replace")).Code);
    }

    [Fact]
    public async Task A_restore_over_a_database_a_bot_is_running_on_is_refused_and_the_bot_keeps_its_data()
    {
        var live = _folder.Combine("live", "state.db");
        await using var bot = Start(live);
        await DslTestData.HandOffAsync(bot, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);

        AssertOneLine(await RunAsync(live, "restore", _folder.Combine("backup"), "--replace"), "a bot is running on");
        Assert.Empty(Directory.GetDirectories(_folder.Combine("live"), "before-restore-*"));
        Assert.True(File.Exists(live));
    }

    [Fact]
    public async Task A_restore_that_fails_after_moving_the_data_aside_says_where_it_is()
    {
        var live = await LiveDatabaseWithOneReportAsync();

        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);

        // A file where the key ring's folder should be: the database is moved aside, then the keys can't be written.
        var keysInTheWay = _folder.Combine("keys-file");
        await File.WriteAllTextAsync(keysInTheWay, "not a folder");
        var failed = await RunAsync(live, ["restore", _folder.Combine("backup"), "--replace"], ("Storage:KeysPath", keysInTheWay));

        var aside = Assert.Single(Directory.GetDirectories(_folder.Combine("live"), "before-restore-*"));
        AssertOneLine(failed, aside);
        Assert.True(File.Exists(Path.Combine(aside, "state.db")));
    }

    [SkippableFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Key_files_in_a_backup_and_a_restore_are_readable_by_their_owner_only()
    {
        Skip.If(OperatingSystem.IsWindows(), "file modes are Linux and macOS");
        var live = await LiveDatabaseWithOneReportAsync();

        // A key file someone made readable by everyone stays owner-only in the backup and in what is restored.
        var key = Directory.GetFiles(_folder.Combine("live", "keys"), "*.xml")[0];
        File.SetUnixFileMode(key, File.GetUnixFileMode(key) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);
        var restored = _folder.Combine("restored", "state.db");
        Assert.Equal(BackupCommand.Success, (await RunAsync(restored, "restore", _folder.Combine("backup"))).Code);

        foreach (var copy in Directory.GetFiles(_folder.Combine("backup", "keys")).Concat(Directory.GetFiles(_folder.Combine("restored", "keys"))))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy));
        }
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_the_current_data_is_touched()
    {
        var live = await LiveDatabaseWithOneReportAsync();

        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);
        var database = _folder.Combine("backup", "staffguidebot.db");
        await File.WriteAllTextAsync(database, "this is not a SQLite database, it only has its name");

        AssertOneLine(await RunAsync(_folder.Combine("empty", "state.db"), "restore", _folder.Combine("backup")), "can't be read as the bot's database");
        Assert.False(Directory.Exists(_folder.Combine("empty")));
        AssertOneLine(await RunAsync(live, "backup", "verify", _folder.Combine("backup")), "can't be read as the bot's database");

        // With --replace the live data stays where it is: nothing is moved aside for a backup that can't be restored.
        var before = await File.ReadAllBytesAsync(live);
        AssertOneLine(await RunAsync(live, "restore", _folder.Combine("backup"), "--replace"), "can't be read as the bot's database");
        Assert.Empty(Directory.GetDirectories(_folder.Combine("live"), "before-restore-*"));
        Assert.Equal(before, await File.ReadAllBytesAsync(live));
        Assert.NotEmpty(Directory.GetFiles(_folder.Combine("live", "keys"), "*.xml"));
    }

    [Theory]
    [InlineData("reports")]
    [InlineData("contentVersions")]
    public async Task A_backup_whose_database_does_not_match_its_manifest_is_refused_before_the_current_data_is_touched(string count)
    {
        var live = await LiveDatabaseWithOneReportAsync();

        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);
        var manifest = _folder.Combine("backup", "backup.json");
        var edited = Regex.Replace(await File.ReadAllTextAsync(manifest), $@"""{count}"":\s*1\b", $@"""{count}"": 2", RegexOptions.IgnoreCase);
        Assert.NotEqual(await File.ReadAllTextAsync(manifest), edited);
        await File.WriteAllTextAsync(manifest, edited);

        var before = await File.ReadAllBytesAsync(live);
        AssertOneLine(await RunAsync(live, "restore", _folder.Combine("backup"), "--replace"), "the backup is damaged");
        Assert.Empty(Directory.GetDirectories(_folder.Combine("live"), "before-restore-*"));
        Assert.Equal(before, await File.ReadAllBytesAsync(live));
    }

    [Fact]
    public async Task A_live_database_that_is_not_one_is_refused_in_one_line()
    {
        var live = _folder.Combine("live", "state.db");
        Directory.CreateDirectory(_folder.Combine("live"));
        await File.WriteAllTextAsync(live, "not a database either");
        AssertOneLine(await RunAsync(live, "backup", _folder.Combine("backup")), "can't be read as the bot's database");
        Assert.False(Directory.Exists(_folder.Combine("backup")));
    }

    [Fact]
    public async Task A_backup_without_its_key_ring_restores_but_says_the_reports_cannot_be_read()
    {
        var live = await LiveDatabaseWithOneReportAsync();

        Assert.Equal(BackupCommand.Success, (await RunAsync(live, "backup", _folder.Combine("backup"))).Code);
        Directory.Delete(_folder.Combine("backup", "keys"), recursive: true);

        AssertOneLine(await RunAsync(live, "backup", "verify", _folder.Combine("backup")), "can't be decrypted with this key ring");
        AssertOneLine(await RunAsync(_folder.Combine("restored", "state.db"), "restore", _folder.Combine("backup")), "can't be decrypted with this key ring");
    }

    /// <summary>A database (and key ring) in <c>live/</c> holding one report handed off by a bot that has since stopped.</summary>
    private async Task<string> LiveDatabaseWithOneReportAsync()
    {
        var live = _folder.Combine("live", "state.db");
        await using (var bot = Start(live))
        {
            await DslTestData.HandOffAsync(bot, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        }

        return live;
    }

    /// <summary>The reports a copy of the <c>.db</c> file alone holds (what copying it without its <c>-wal</c> would keep).</summary>
    private long ReportsInTheDbFileAlone(string database)
    {
        var copy = _folder.Combine("db-file-alone.db");
        File.Copy(database, copy);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
        connection.Open();
        using var tables = connection.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'items';";
        if (Convert.ToInt64(tables.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        using var reports = connection.CreateCommand();
        reports.CommandText = "SELECT count(*) FROM items WHERE key GLOB 'reports/SG-*';";
        return Convert.ToInt64(reports.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AssertOneLine((int Code, string Output, string Error) result, string said)
    {
        Assert.Equal(BackupCommand.Failure, result.Code);
        Assert.Contains(said, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(string database, params string[] args) => RunAsync(database, args, []);

    private static async Task<(int Code, string Output, string Error)> RunAsync(string database, string[] args, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = database,
            ["Content:Folder"] = Path.Combine(SharedSchemas.RepositoryRoot, "dialogs"),
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await BackupCommand.RunAsync(args, configuration, SharedSchemas.RepositoryRoot, output, error);
        SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }

    private static BotApplicationFactory Start(string database, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = database,
            ["Dsl:ChannelId"] = DslTestData.ChannelId,
            ["Dsl:TeamId"] = DslTestData.TeamId,
            ["Dsl:ServiceUrl"] = DslTestData.DslServiceUrl,
            ["Dsl:Roster:0"] = "aad-dsl-khan",
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var bot = new BotApplicationFactory(values)
        {
            ConfigureServicesForTest = services =>
            {
                services.RemoveReportLoops(); // the tests run the passes
            },
        };
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ConversationResourceResponse { Id = DslTestData.ChannelId + ";messageid=1001", ActivityId = "1001", ServiceUrl = DslTestData.DslServiceUrl });
        return bot;
    }

    private string WriteCertificate() => TestCertificates.WritePfx(_folder.Combine("current.pfx"), Password);
}
