using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Deployment;

/// <summary>
/// infra/ compiles and lints clean with the Bicep CLI (from its NuGet package, so nothing else is installed), holds no
/// secret, and sets only settings the bot knows.
/// </summary>
public partial class InfrastructureTests
{
    private static readonly string Infra = Path.Combine(SharedSchemas.RepositoryRoot, "infra");

    /// <summary>Settings of the platform and its SDKs, not the bot's own configuration.</summary>
    private static readonly string[] PlatformSettings =
        ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "WEBSITES_PORT", "WEBSITE_RUN_FROM_PACKAGE", "APPLICATIONINSIGHTS_CONNECTION_STRING", "AZURE_CLIENT_ID"];

    [SkippableTheory]
    [InlineData("main.bicep")]
    [InlineData("modules/database-admin.bicep")]
    public async Task Each_bicep_file_builds_and_lints_with_no_warning(string file)
    {
        var build = await BicepAsync("build", Path.Combine(Infra, file), "--stdout");
        var lint = await BicepAsync("lint", Path.Combine(Infra, file));

        Assert.True(build.ExitCode == 0, build.Error);
        Assert.Equal(string.Empty, build.Error.Trim());
        Assert.True(lint.ExitCode == 0, lint.Output + lint.Error);
        Assert.Equal(string.Empty, (lint.Output + lint.Error).Trim());
    }

    [SkippableFact]
    public async Task The_example_parameters_file_builds()
    {
        var result = await BicepAsync("build-params", Path.Combine(Infra, "main.bicepparam"), "--stdout");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(string.Empty, result.Error.Trim());
    }

    [SkippableFact]
    public async Task The_template_has_no_secret_and_signs_in_with_the_managed_identity_everywhere()
    {
        var template = JsonNode.Parse((await BicepAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout")).Output)!;

        foreach (var (name, output) in template["outputs"]!.AsObject())
        {
            Assert.DoesNotContain("secure", output!["type"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch("(?i)secret|password|connection|key$", name);
        }

        Assert.DoesNotContain("listKeys", template.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listSecrets", template.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var resources = template["resources"]!.AsArray().Select(r => r!).ToList();
        var bot = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.BotService/botServices");
        // The managed identity unless the school names an app registration (then single-tenant, its secret in Key Vault).
        Assert.Equal(string.Empty, (string?)template["parameters"]!["appRegistrationClientId"]!["defaultValue"]);
        Assert.Equal("[if(variables('useAppRegistration'), 'SingleTenant', 'UserAssignedMSI')]", (string?)bot["properties"]!["msaAppType"]);
        Assert.Single(resources, r => (string?)r["type"] == "Microsoft.BotService/botServices/channels" && (string?)r["properties"]!["channelName"] == "MsTeamsChannel");
        var database = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.DBforPostgreSQL/flexibleServers");
        Assert.Equal("Disabled", (string?)database["properties"]!["authConfig"]!["passwordAuth"]);
        var site = Assert.Single(resources, r => (string?)r["type"] == "Microsoft.Web/sites");
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
    }

    [Fact]
    public void Every_setting_the_template_gives_the_bot_is_one_it_knows_and_a_secret_is_only_ever_a_key_vault_reference()
    {
        var bicep = File.ReadAllText(Path.Combine(Infra, "main.bicep"));
        var names = SettingNames(bicep);
        var documented = new ConfigurationBuilder().AddJsonFile(Path.Combine(SharedSchemas.RepositoryRoot, "appsettings.template.json")).Build();

        Assert.Contains("ASPNETCORE_ENVIRONMENT", names);
        // The identity's token is the database password: only over TLS with the server's certificate checked.
        Assert.Contains("SSL Mode=VerifyFull'", bicep, StringComparison.Ordinal);
        foreach (var name in names.Except(PlatformSettings))
        {
            // Dsl__Roster__0 is the array Dsl:Roster; the template documents every key the bot reads.
            var key = IndexSuffix().Replace(name, string.Empty).Replace("__", ":", StringComparison.Ordinal);
            Assert.True(documented.GetSection(key).Exists() || documented[key] is not null, $"infra/main.bicep sets {name}, which appsettings.template.json doesn't document.");
            if (Regex.IsMatch(name, "(?i)password|secret") && !name.EndsWith("ExpiresOn", StringComparison.Ordinal))
            {
                Assert.Matches($@"name: '{name}'\s+value: '@Microsoft\.KeyVault\(", bicep);
            }
        }

        // The production tests start from the same settings the template gives.
        foreach (var key in ProductionConfigurationTests.DeployedSettings().Keys.Where(k => k != "http_ports"))
        {
            Assert.Contains(key.Replace(":", "__", StringComparison.Ordinal), names);
        }
    }

    /// <summary>The app setting names main.bicep writes (<c>name: 'X'</c> entries and the <c>'Dsl__Roster__${i}'</c> lists).</summary>
    private static HashSet<string> SettingNames(string bicep) =>
        SettingName().Matches(bicep[bicep.IndexOf("var listSettings", StringComparison.Ordinal)..bicep.IndexOf("resource site ", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value.Replace("${i}", "0", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\s*name:\s*'([A-Za-z_][A-Za-z0-9_]*(?:\$\{i\})?)'")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"__\d+$")]
    private static partial Regex IndexSuffix();

    private static async Task<(int ExitCode, string Output, string Error)> BicepAsync(params string[] arguments)
    {
        Skip.IfNot(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            "The Bicep CLI package used here is the linux-x64 one; CI runs these tests on Linux x64.");
        var package = typeof(InfrastructureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackage").Value;
        var bicep = Path.Combine(package!, "tools", "bicep");
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not at {bicep}: restore StaffGuideBot.Tests (package Azure.Bicep.CommandLine.linux-x64).");
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.UserExecute : File.GetUnixFileMode(bicep);
        if (!OperatingSystem.IsWindows() && !mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(bicep, mode | UnixFileMode.UserExecute);
        }

        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no version check.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
