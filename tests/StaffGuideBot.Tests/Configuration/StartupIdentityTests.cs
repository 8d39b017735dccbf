using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Configuration;

/// <summary>The built host, run as a process: an incomplete bot identity stops it with exit code 1 and one plain line.</summary>
public class StartupIdentityTests
{
    [Theory]
    [InlineData("an app id without any credential", "MicrosoftAppPassword", "--MicrosoftAppType=MultiTenant", "--MicrosoftAppId=11111111-2222-3333-4444-555555555555")]
    [InlineData("single tenant without a tenant id", "MicrosoftAppTenantId", "--MicrosoftAppType=SingleTenant", "--MicrosoftAppId=11111111-2222-3333-4444-555555555555", "--MicrosoftAppPassword=secret")]
    [InlineData("the default app type without a tenant id", "MicrosoftAppTenantId", "--MicrosoftAppId=11111111-2222-3333-4444-555555555555", "--MicrosoftAppPassword=secret")]
    [InlineData("an unknown app type", "MicrosoftAppType", "--MicrosoftAppType=Sometimes", "--MicrosoftAppId=11111111-2222-3333-4444-555555555555", "--MicrosoftAppPassword=secret")]
    [InlineData("managed identity without a tenant id", "MicrosoftAppTenantId", "--MicrosoftAppType=UserAssignedMSI", "--MicrosoftAppId=11111111-2222-3333-4444-555555555555")]
    public Task An_incomplete_bot_identity_stops_the_host_with_exit_code_1_and_one_line_naming_what_is_missing(string why, string named, params string[] settings) =>
        AssertStopsWithOneLineAsync(settings, "StaffGuideBot cannot start, the bot identity is incomplete: ", named, why);

    [Fact]
    public void The_default_app_type_is_the_one_the_template_documents()
    {
        var template = new ConfigurationBuilder().AddJsonFile(Path.Combine(SharedSchemas.RepositoryRoot, "appsettings.template.json")).Build();

        var documented = Enum.Parse<BotAppType>(template["MicrosoftAppType"]!);

        Assert.Equal(documented, new BotIdentityOptions().AppType);
    }

    /// <summary>
    /// Runs the host with <paramref name="settings"/> and checks it stopped with exit code 1 and one line on stderr that
    /// starts with <paramref name="opening"/> and names <paramref name="named"/>, with no stack trace anywhere.
    /// </summary>
    internal static async Task AssertStopsWithOneLineAsync(string[] settings, string opening, string named, string why)
    {
        var (exitCode, output, error) = await RunHostAsync(settings);

        Assert.True(exitCode == 1, $"{why}: exit code {exitCode}\n{error}\n{output}");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(opening, line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Output, string Error)> RunHostAsync(string[] settings)
    {
        var start = new ProcessStartInfo(DotnetMuxer())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "StaffGuideBot.dll"));
        foreach (var argument in (string[])["--urls", "http://127.0.0.1:0", "--Storage:Provider=Memory", .. settings])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "ASPNETCORE_URLS", "URLS", "MicrosoftAppId", "MicrosoftAppType", "MicrosoftAppPassword", "MicrosoftAppTenantId" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The host did not stop on its own: it started despite the incomplete identity.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string DotnetMuxer()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return Environment.ProcessPath is { } current && string.Equals(Path.GetFileName(current), name, StringComparison.OrdinalIgnoreCase)
            ? current
            : name;
    }
}
