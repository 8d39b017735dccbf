using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Deployment;

/// <summary>
/// docs/deploy.md names only things that exist: the template's parameters and outputs, the bot's settings, the
/// publish profile and the bot's own commands. A renamed parameter or setting fails here, not in a school's first hour.
/// </summary>
public partial class DeployGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(SharedSchemas.RepositoryRoot, "docs", "deploy.md"));
    private static readonly string Bicep = File.ReadAllText(Path.Combine(SharedSchemas.RepositoryRoot, "infra", "main.bicep"));

    [Fact]
    public void Every_template_parameter_and_output_the_guide_names_exists()
    {
        var declared = Declaration().Matches(Bicep).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var named = Quoted().Matches(Guide).Select(m => m.Groups[1].Value).Where(word => CamelCase().IsMatch(word)).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(declared));
        Assert.Contains("botAppId", named);
    }

    [Fact]
    public void Every_setting_the_guide_names_is_one_the_bot_documents()
    {
        var documented = new ConfigurationBuilder().AddJsonFile(Path.Combine(SharedSchemas.RepositoryRoot, "appsettings.template.json")).Build();
        var keys = SettingKey().Matches(Guide).Select(m => m.Value.Replace("__", ":", StringComparison.Ordinal))
            .Select(key => IndexSuffix().Replace(key, string.Empty))
            .Where(key => !key.StartsWith("ASPNETCORE", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("Storage:PostgresEntraClientId", keys);
        Assert.All(keys, key => Assert.True(documented.GetSection(key).Exists() || documented[key] is not null, $"docs/deploy.md names {key}, which appsettings.template.json doesn't document."));
    }

    [Fact]
    public void The_commands_the_guide_runs_are_the_bots_and_the_publish_profile_exists()
    {
        Assert.Contains("dotnet run --project src/StaffGuideBot -- content validate dialogs/england", Guide, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/StaffGuideBot -- manifest package", Guide, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/StaffGuideBot -p:PublishProfile=AppService", Guide, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot", "Properties", "PublishProfiles", "AppService.pubxml")));
        Assert.Contains("--src-path artifacts/staffguidebot.zip", Guide, StringComparison.Ordinal);
        Assert.Contains("artifacts/staffguidebot.zip", File.ReadAllText(Path.Combine(SharedSchemas.RepositoryRoot, "src", "StaffGuideBot", "Properties", "PublishProfiles", "AppService.pubxml")), StringComparison.Ordinal);
        Assert.Contains("infra/main.bicepparam", Guide, StringComparison.Ordinal);
        Assert.Contains("Rotating a secret or certificate", Guide, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?:param|output)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex Declaration();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex("^[a-z]+[A-Z][A-Za-z]*$")]
    private static partial Regex CamelCase();

    // Configuration keys as the guide writes them: Section:Key or Section__Key (env-style), optionally indexed.
    [GeneratedRegex(@"\b(?:BotAuthentication|Storage|Dsl|Content|Manifest|Connector)(?:(?::|__)[A-Za-z0-9]+)+|\bMicrosoftApp[A-Za-z]+")]
    private static partial Regex SettingKey();

    [GeneratedRegex(@":\d+(?=$|:)")]
    private static partial Regex IndexSuffix();
}
