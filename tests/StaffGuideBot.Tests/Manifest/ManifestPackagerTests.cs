using System.IO.Compression;
using System.Text.Json.Nodes;
using StaffGuideBot.Manifest;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Manifest;

public class ManifestPackagerTests
{
    private static readonly ManifestPackager Packager = new(ManifestFixture.ManifestDirectory);

    [SkippableFact]
    public void The_packaged_manifest_is_valid_against_the_Teams_1_26_schema()
    {
        SharedSchemas.SkipUnlessPresent();

        var manifest = Packager.BuildManifest(ManifestFixture.SampleAppId);

        Assert.Equal("1.26", manifest["manifestVersion"]!.GetValue<string>());
        TeamsManifestSchema.AssertValid(manifest, "1.26");
    }

    [SkippableFact]
    public void The_template_itself_is_not_valid_until_the_app_id_is_filled_in()
    {
        SharedSchemas.SkipUnlessPresent();

        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(ManifestFixture.ManifestDirectory, "manifest.json")))!;

        var errors = TeamsManifestSchema.Validate(template);

        Assert.Contains(errors, e => e.StartsWith("#/id:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("#/bots[0].botId:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_app_id_and_the_bot_id_are_both_the_configured_app_id_in_lower_case()
    {
        var manifest = Packager.BuildManifest(ManifestFixture.SampleAppId);

        Assert.Equal(ManifestFixture.SampleAppIdNormalized, manifest["id"]!.GetValue<string>());
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(ManifestFixture.SampleAppIdNormalized, bot["botId"]!.GetValue<string>());
        Assert.DoesNotContain("{{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bot_is_conversational_in_personal_and_team_scope_without_files()
    {
        var bot = Packager.BuildManifest(ManifestFixture.SampleAppId)["bots"]![0]!;

        Assert.Equal(["personal", "team"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.False(bot["supportsFiles"]!.GetValue<bool>());
        Assert.False(bot["isNotificationOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void The_app_can_be_added_to_private_and_shared_channels()
    {
        // Manifest 1.25+ declares support for all channel types (standard, private, shared) with this top-level value.
        var manifest = Packager.BuildManifest(ManifestFixture.SampleAppId);

        Assert.Equal("tier1", manifest["supportsChannelFeatures"]!.GetValue<string>());
    }

    [Fact]
    public void The_command_lists_offer_the_staff_and_team_commands()
    {
        var lists = Packager.BuildManifest(ManifestFixture.SampleAppId)["bots"]![0]!["commandLists"]!.AsArray();

        string[] Titles(string scope) => lists
            .Where(l => l!["scopes"]!.AsArray().Any(s => s!.GetValue<string>() == scope))
            .SelectMany(l => l!["commands"]!.AsArray())
            .Select(c => c!["title"]!.GetValue<string>())
            .ToArray();

        Assert.Equal(["I've heard something", "What do I do now?", "Contact the DSL"], Titles("personal"));
        Assert.Equal(["open reports", "register this channel"], Titles("team"));
    }

    [Fact]
    public void The_descriptions_say_what_the_bot_does_and_that_it_never_takes_images()
    {
        var manifest = Packager.BuildManifest(ManifestFixture.SampleAppId);
        var full = manifest["description"]!["full"]!.GetValue<string>();

        Assert.Equal("StaffGuideBot", manifest["name"]!["short"]!.GetValue<string>());
        Assert.Contains("Designated Safeguarding Lead", full, StringComparison.Ordinal);
        Assert.Contains("nude or semi-nude images", full, StringComparison.Ordinal);
        Assert.Contains("never asks for, views or stores images", full, StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_holds_exactly_the_manifest_and_the_two_icons_at_its_root()
    {
        using var zipStream = new MemoryStream();
        Packager.WritePackage(ManifestFixture.SampleAppId, zipStream);
        zipStream.Position = 0;

        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            using var entry = zip.GetEntry(icon)!.Open();
            using var copy = new MemoryStream();
            entry.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(Path.Combine(ManifestFixture.ManifestDirectory, icon)), copy.ToArray());
        }

        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var packaged = JsonNode.Parse(reader.ReadToEnd())!;
        Assert.Equal(ManifestFixture.SampleAppIdNormalized, packaged["id"]!.GetValue<string>());
        TeamsManifestSchema.AssertValid(packaged);
    }

    [Fact]
    public void The_packaged_manifest_keeps_apostrophes_readable_and_has_no_byte_order_mark()
    {
        using var zipStream = new MemoryStream();
        Packager.WritePackage(ManifestFixture.SampleAppId, zipStream);
        zipStream.Position = 0;
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        using var entry = zip.GetEntry("manifest.json")!.Open();
        using var bytes = new MemoryStream();
        entry.CopyTo(bytes);
        var raw = bytes.ToArray();

        Assert.NotEqual(0xEF, raw[0]);
        Assert.Contains("I've heard something", System.Text.Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_inputs_give_a_byte_identical_package()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        Packager.WritePackage(ManifestFixture.SampleAppId, first);
        Packager.WritePackage(ManifestFixture.SampleAppId, second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("{6f1b4c2e-8d3a-4e5f-9a7b-1c2d3e4f5a6b}")]
    [InlineData("6f1b4c2e8d3a4e5f9a7b1c2d3e4f5a6b")]
    public void An_app_id_that_is_not_a_plain_GUID_is_refused(string appId)
    {
        var ex = Assert.Throws<ManifestPackagingException>(() => Packager.BuildManifest(appId));

        Assert.Contains("not a GUID", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manifest.json")]
    [InlineData("color.png")]
    [InlineData("outline.png")]
    public void A_missing_file_is_refused_with_its_name(string missing)
    {
        using var temp = new TempDirectory();
        var packager = new ManifestPackager(ManifestFixture.CopyTo(temp.Combine("manifest"), except: missing));

        var ex = Assert.Throws<ManifestPackagingException>(() => packager.WritePackage(ManifestFixture.SampleAppId, temp.Combine("out.zip")));

        Assert.Contains($"{missing} is missing", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.Combine("out.zip")));
    }

    [Fact]
    public void An_icon_of_the_wrong_size_is_refused()
    {
        using var temp = new TempDirectory();
        var dir = ManifestFixture.CopyTo(temp.Combine("manifest"), except: "outline.png");
        File.Copy(Path.Combine(dir, "color.png"), Path.Combine(dir, "outline.png"));

        var ex = Assert.Throws<ManifestPackagingException>(() => new ManifestPackager(dir).WritePackage(ManifestFixture.SampleAppId, Stream.Null));

        Assert.Contains("192x192 pixels; Teams requires 32x32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_icon_that_is_not_a_PNG_is_refused()
    {
        using var temp = new TempDirectory();
        var dir = ManifestFixture.CopyTo(temp.Combine("manifest"), except: "color.png");
        File.WriteAllText(Path.Combine(dir, "color.png"), "<svg/>");

        var ex = Assert.Throws<ManifestPackagingException>(() => new ManifestPackager(dir).WritePackage(ManifestFixture.SampleAppId, Stream.Null));

        Assert.Contains("not a PNG", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hard_coded_bot_id_is_refused()
    {
        using var temp = new TempDirectory();
        var dir = ManifestFixture.CopyTo(temp.Combine("manifest"));
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!;
        template["bots"]![0]!["botId"] = "11111111-2222-3333-4444-555555555555";
        File.WriteAllText(Path.Combine(dir, "manifest.json"), template.ToJsonString());

        var ex = Assert.Throws<ManifestPackagingException>(() => new ManifestPackager(dir).BuildManifest(ManifestFixture.SampleAppId));

        Assert.Contains("botId", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_left_in_the_template_is_refused()
    {
        using var temp = new TempDirectory();
        var dir = ManifestFixture.CopyTo(temp.Combine("manifest"));
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "manifest.json")))!;
        template["developer"]!["websiteUrl"] = "https://{{SchoolDomain}}/staffguidebot";
        File.WriteAllText(Path.Combine(dir, "manifest.json"), template.ToJsonString());

        var ex = Assert.Throws<ManifestPackagingException>(() => new ManifestPackager(dir).BuildManifest(ManifestFixture.SampleAppId));

        Assert.Contains("{{SchoolDomain}}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("developer.websiteUrl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_is_not_JSON_is_refused()
    {
        using var temp = new TempDirectory();
        var dir = ManifestFixture.CopyTo(temp.Combine("manifest"), except: "manifest.json");
        File.WriteAllText(Path.Combine(dir, "manifest.json"), "{ \"id\": ");

        var ex = Assert.Throws<ManifestPackagingException>(() => new ManifestPackager(dir).BuildManifest(ManifestFixture.SampleAppId));

        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }
}
