using StaffGuideBot.Content;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary><c>content validate</c>: a pack is checked without starting the bot.</summary>
public sealed class ContentCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private static string England => Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task The_england_pack_is_valid_and_its_unfilled_school_contacts_are_warnings()
    {
        var code = await RunAsync("content", "validate", England);

        Assert.Equal(ContentCommand.Success, code);
        Assert.Contains("pack 'england' version", _output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"contacts\.yaml:\d+:\d+: warning: ", _output.ToString());
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public async Task Problems_name_their_file_from_the_repository_root()
    {
        await RunAsync("content", "validate", "dialogs/england");

        Assert.StartsWith($"{Path.Combine("dialogs", "england", "contacts.yaml")}:", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pack_that_extends_another_names_the_base_file_of_what_it_inherits()
    {
        using var packs = new PackFamily();
        packs.Write("child", "contacts.yaml", "national:\n  - { id: police, remove: true }\n");
        var position = packs.At("base", "flow.yaml", "police, dsl]").Replace("../base/flow.yaml", Path.Combine(packs.Folder("base"), "flow.yaml"), StringComparison.Ordinal);

        var code = await RunAsync("content", "validate", packs.Folder("child"));

        Assert.Equal(ContentCommand.Failure, code);
        Assert.Equal($"{position}: step 'danger_action' lists unknown contact 'police'; contacts are defined in contacts.yaml\n", _error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_pack_that_extends_another_validates_and_previews()
    {
        using var packs = new PackFamily();
        packs.Write("child", "texts.yaml", "menu.title: Worried about a photo?\n");

        Assert.Equal(ContentCommand.Success, await RunAsync("content", "validate", packs.Folder("child")));
        Assert.Contains("pack 'child' version", _output.ToString(), StringComparison.Ordinal);

        Assert.Equal(ContentCommand.Success, await RunAsync("content", "preview", packs.Folder("child"), "--out", _temp.Combine("preview")));
        Assert.Contains(Directory.GetFiles(_temp.Combine("preview"), "*.json"), f => File.ReadAllText(f).Contains("Worried about a photo?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Strict_makes_warnings_fail()
    {
        var code = await RunAsync("content", "validate", England, "--strict");

        Assert.Equal(ContentCommand.Failure, code);
        Assert.Contains("--strict: warnings count", _output.ToString(), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("england")]
    [InlineData("scotland")]
    public async Task The_packs_as_shipped_pass_strict_with_only_their_school_contacts_allowed_unfilled(string name)
    {
        SharedSchemas.SkipUnlessPresent();

        var code = await RunAsync("content", "validate", Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", name), "--strict", "--allow-placeholders");

        Assert.Equal(ContentCommand.Success, code);
        Assert.Contains("still has sample details", _output.ToString(), StringComparison.Ordinal);
        Assert.Matches($@"pack '{name}' version [0-9a-f]{{8}} is valid \((\d+) warning\(s\), \1 of them unfilled school contacts \(allowed\)\)", _output.ToString());
    }

    [SkippableFact]
    public async Task Allowing_placeholders_still_fails_on_any_other_warning()
    {
        SharedSchemas.SkipUnlessPresent();

        var pack = Path.Combine(_temp.Path, "england");
        Directory.CreateDirectory(pack);
        foreach (var file in Directory.GetFiles(England))
        {
            File.Copy(file, Path.Combine(pack, Path.GetFileName(file)));
        }

        File.AppendAllText(Path.Combine(pack, "texts.yaml"), "\nmenu.unused: \"Not used by the bot\"\n");

        Assert.Equal(ContentCommand.Success, await RunAsync("content", "validate", pack));
        Assert.Equal(ContentCommand.Failure, await RunAsync("content", "validate", pack, "--strict", "--allow-placeholders"));
        Assert.Contains("9 warning(s), 8 of them unfilled school contacts (allowed) (--strict: warnings count)", _output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"texts\.yaml:\d+:1: warning: text 'menu\.unused' is not used by the bot", _output.ToString());
    }

    [Fact]
    public async Task A_broken_pack_fails_with_file_line_and_column()
    {
        var pack = Path.Combine(_temp.Path, "england");
        Directory.CreateDirectory(pack);
        foreach (var file in Directory.GetFiles(England))
        {
            File.Copy(file, Path.Combine(pack, Path.GetFileName(file)));
        }

        var texts = Path.Combine(pack, "texts.yaml");
        File.WriteAllText(texts, File.ReadAllText(texts).Replace("menu.report:", "menu.reprot:", StringComparison.Ordinal));

        var code = await RunAsync("content", "validate", pack);

        Assert.Equal(ContentCommand.Failure, code);
        Assert.Matches(@"texts\.yaml:\d+:\d+: .*menu\.report", _error.ToString());
    }

    [Fact]
    public async Task A_relative_folder_is_taken_from_the_repository_root_wherever_the_app_runs()
    {
        // `dotnet run --project src/StaffGuideBot` runs the app in src/StaffGuideBot.
        var projectFolder = Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot");

        var code = await ContentCommand.RunAsync(["content", "validate", "dialogs/england/"], new ContentOptions(), projectFolder, _output, _error, NoDownload);

        Assert.Equal(ContentCommand.Success, code);
        Assert.Contains(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"), _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_folder_the_configured_pack_is_checked()
    {
        var code = await ContentCommand.RunAsync(["content", "validate"], new ContentOptions(), SharedSchemas.RepositoryRoot, _output, _error, NoDownload);

        Assert.Equal(ContentCommand.Success, code);
        Assert.Contains(England, _output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ContentCommand.Failure, "content", "validate", "/no/such/folder")]
    [InlineData(ContentCommand.UsageError, "content")]
    [InlineData(ContentCommand.UsageError, "content", "previwe")]
    [InlineData(ContentCommand.UsageError, "content", "validate", "a", "b")]
    [InlineData(ContentCommand.UsageError, "content", "validate", "dialogs/england", "--allow-placeholders")]
    public async Task Bad_command_lines_and_missing_folders_say_what_is_wrong(int expected, params string[] args)
    {
        Assert.Equal(expected, await RunAsync(args));
        Assert.NotEqual(string.Empty, _error.ToString());
    }

    // Never the network: the card check reads the shared schema beside the repository, or checks no cards (a warning).
    private Task<int> RunAsync(params string[] args) => ContentCommand.RunAsync(args, new ContentOptions(), SharedSchemas.RepositoryRoot, _output, _error, NoDownload);

    private static Task<string> NoDownload(Uri address, CancellationToken cancellationToken) =>
        throw new HttpRequestException("no network in tests");
}
