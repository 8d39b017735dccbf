using Microsoft.Extensions.Configuration;
using StaffGuideBot.Manifest;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Manifest;

public class ManifestCommandTests
{
    private static IConfiguration Config(string? appId) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(appId is null ? [] : [new KeyValuePair<string, string?>("MicrosoftAppId", appId)])
            .Build();

    /// <summary>A school's own publisher settings, as its IT admin would set them.</summary>
    private static IConfiguration SchoolConfig(string? privacyUrl = "https://www.stmarys.sch.uk/privacy/staffguidebot") =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = ManifestFixture.SampleAppId,
                ["Manifest:DeveloperName"] = "St Mary's Primary School",
                ["Manifest:WebsiteUrl"] = "https://www.stmarys.sch.uk/",
                ["Manifest:PrivacyUrl"] = privacyUrl,
                ["Manifest:TermsOfUseUrl"] = "https://www.stmarys.sch.uk/terms",
            })
            .Build();

    [Fact]
    public async Task The_schools_own_publisher_and_addresses_go_into_a_package_that_is_valid_against_the_Teams_schema()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("app.zip");

        var (code, _, error) = await Run(SchoolConfig(), "manifest", "package", "--out", zip, "--manifest-dir", ManifestFixture.ManifestDirectory);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using var archive = System.IO.Compression.ZipFile.OpenRead(zip);
        await using var stream = archive.GetEntry("manifest.json")!.Open();
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(stream)!;
        TeamsManifestSchema.AssertValid(manifest, "1.26");
        Assert.Equal("St Mary's Primary School", manifest["developer"]!["name"]!.GetValue<string>());
        Assert.Equal("https://www.stmarys.sch.uk/privacy/staffguidebot", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.DoesNotContain("example.org", manifest["developer"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_an_address_is_still_the_templates_example_org_the_package_is_written_with_a_warning_naming_the_setting()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await Run(SchoolConfig(privacyUrl: null), "manifest", "package", "--out", temp.Combine("app.zip"), "--manifest-dir", ManifestFixture.ManifestDirectory);

        Assert.Equal(0, code);
        var warning = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("developer.privacyUrl is still the template's example.org address", warning, StringComparison.Ordinal);
        Assert.Contains("Manifest:PrivacyUrl", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_is_not_https_is_refused_and_no_package_is_written()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("app.zip");

        var (code, _, error) = await Run(SchoolConfig(privacyUrl: "http://www.stmarys.sch.uk/privacy"), "manifest", "package", "--out", zip, "--manifest-dir", ManifestFixture.ManifestDirectory);

        Assert.Equal(1, code);
        Assert.Contains("Manifest:PrivacyUrl 'http://www.stmarys.sch.uk/privacy' must be an https address", error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(IConfiguration configuration, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ManifestCommand.RunAsync(args, configuration, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Package_writes_the_zip_where_asked_and_says_where()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("out", "app.zip");

        var (code, output, error) = await Run(SchoolConfig(), "manifest", "package", "--out", zip, "--manifest-dir", ManifestFixture.ManifestDirectory);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        Assert.True(File.Exists(zip));
        Assert.Contains(zip, output, StringComparison.Ordinal);
        Assert.Contains(ManifestFixture.SampleAppIdNormalized, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_may_be_written_with_an_equals_sign()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("app.zip");

        var (code, _, _) = await Run(Config(ManifestFixture.SampleAppId), "manifest", "package", $"--out={zip}", $"--manifest-dir={ManifestFixture.ManifestDirectory}");

        Assert.Equal(0, code);
        Assert.True(File.Exists(zip));
    }

    [Fact]
    public async Task Without_manifest_dir_the_repository_manifest_folder_is_found()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("app.zip");

        var (code, output, _) = await Run(Config(ManifestFixture.SampleAppId), "manifest", "package", "--out", zip);

        Assert.Equal(0, code);
        Assert.Contains(ManifestFixture.ManifestDirectory, output, StringComparison.Ordinal);
    }

    // A repository-shaped folder: StaffGuideBot.sln, manifest/, and src/StaffGuideBot (where `dotnet run` starts the app).
    private static string FakeRepository(TempDirectory temp)
    {
        File.WriteAllText(temp.Combine("StaffGuideBot.sln"), string.Empty);
        ManifestFixture.CopyTo(temp.Combine("manifest"));
        return Directory.CreateDirectory(temp.Combine("src", "StaffGuideBot")).FullName;
    }

    [Fact]
    public async Task By_default_the_zip_goes_to_the_artifacts_folder_of_the_repository_not_of_the_project()
    {
        using var temp = new TempDirectory();
        var projectFolder = FakeRepository(temp);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ManifestCommand.RunAsync(["manifest", "package"], Config(ManifestFixture.SampleAppId), output, error, [projectFolder]);

        Assert.True(code == 0, error.ToString());
        var expected = temp.Combine("artifacts", "StaffGuideBot-teams-app.zip");
        Assert.True(File.Exists(expected));
        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
        Assert.Contains(temp.Combine("manifest"), output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Relative_paths_are_taken_from_the_repository_root()
    {
        using var temp = new TempDirectory();
        var projectFolder = FakeRepository(temp);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ManifestCommand.RunAsync(
            ["manifest", "package", "--out", Path.Combine("out", "app.zip"), "--manifest-dir", "manifest"],
            Config(ManifestFixture.SampleAppId), output, error, [projectFolder]);

        Assert.True(code == 0, error.ToString());
        Assert.True(File.Exists(temp.Combine("out", "app.zip")));
        Assert.False(Directory.Exists(Path.Combine(projectFolder, "out")));
    }

    [Fact]
    public void The_repository_root_is_found_by_walking_up_to_the_solution_file()
    {
        var nested = Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot");

        Assert.Equal(SharedSchemas.RepositoryRoot, ManifestCommand.FindRepositoryRoot([null, nested]));
    }

    [Fact]
    public void The_manifest_folder_is_found_by_walking_up_from_a_start_folder()
    {
        var nested = Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot");

        Assert.Equal(ManifestFixture.ManifestDirectory, ManifestCommand.FindManifestDirectory([null, "", nested]));
    }

    [Fact]
    public void No_manifest_folder_above_a_start_folder_gives_null()
    {
        using var temp = new TempDirectory();

        Assert.Null(ManifestCommand.FindManifestDirectory([temp.Path]));
    }

    [Fact]
    public void The_default_output_is_the_artifacts_folder_under_the_repository_root()
    {
        Assert.Equal(Path.Combine("artifacts", "StaffGuideBot-teams-app.zip"), ManifestCommand.DefaultOutputPath);
    }

    [Fact]
    public async Task A_missing_app_id_is_refused_with_exit_code_1()
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("app.zip");

        var (code, _, error) = await Run(Config(null), "manifest", "package", "--out", zip, "--manifest-dir", ManifestFixture.ManifestDirectory);

        Assert.Equal(1, code);
        Assert.Contains("MicrosoftAppId is not set", error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("6f1b4c2e-8d3a-4e5f-9a7b")]
    public async Task An_app_id_that_is_not_a_GUID_is_refused_with_exit_code_1(string appId)
    {
        using var temp = new TempDirectory();
        var zip = temp.Combine("app.zip");

        var (code, _, error) = await Run(Config(appId), "manifest", "package", "--out", zip, "--manifest-dir", ManifestFixture.ManifestDirectory);

        Assert.Equal(1, code);
        Assert.Contains("is not a GUID", error, StringComparison.Ordinal);
        Assert.False(File.Exists(zip));
    }

    [Fact]
    public async Task Missing_files_are_refused_with_exit_code_1()
    {
        using var temp = new TempDirectory();
        var dir = ManifestFixture.CopyTo(temp.Combine("manifest"), except: "outline.png");

        var (code, _, error) = await Run(Config(ManifestFixture.SampleAppId), "manifest", "package", "--out", temp.Combine("app.zip"), "--manifest-dir", dir);

        Assert.Equal(1, code);
        Assert.Contains("outline.png is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_folder_that_does_not_exist_is_refused_with_exit_code_1()
    {
        using var temp = new TempDirectory();

        var (code, _, error) = await Run(Config(ManifestFixture.SampleAppId), "manifest", "package", "--out", temp.Combine("app.zip"), "--manifest-dir", temp.Combine("nope"));

        Assert.Equal(1, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manifest")]
    [InlineData("manifest", "publish")]
    [InlineData("manifest", "package", "--zip", "x.zip")]
    [InlineData("manifest", "package", "--out")]
    public async Task A_command_line_that_cannot_be_understood_gives_usage_and_exit_code_2(params string[] args)
    {
        var (code, _, error) = await Run(Config(ManifestFixture.SampleAppId), args);

        Assert.Equal(2, code);
        Assert.Contains("usage: manifest package", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        var (code, output, _) = await Run(Config(null), "manifest", "--help");

        Assert.Equal(0, code);
        Assert.Contains("usage: manifest package", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "manifest", "package" }, true)]
    [InlineData(new[] { "--urls", "http://localhost:3978" }, false)]
    [InlineData(new string[0], false)]
    public void IsManifestCommand_recognises_the_verb(string[] args, bool expected)
    {
        Assert.Equal(expected, ManifestCommand.IsManifestCommand(args));
    }
}
