using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace StaffGuideBot.Tests.Observability;

/// <summary>
/// The console log as JSON (<c>Logging:Console:FormatterName=json</c>, ASP.NET Core's own formatter): the real bot,
/// as a process, writes one JSON object a line with its category and event id, and nothing a user sent.
/// </summary>
public sealed class JsonConsoleLogTests
{
    private const string TypedMarker = "typed-marker-Jx47";
    private const string CardMarker = "card-marker-Pv93";

    [Fact]
    public async Task With_the_json_formatter_every_console_line_is_a_json_object_and_none_holds_what_a_user_sent()
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "StaffGuideBot.dll"), "--urls", $"http://127.0.0.1:{port}", "--Storage:Provider=Memory", "--Logging:Console:FormatterName=json", "--Logging:LogLevel:Default=Information"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "ASPNETCORE_URLS", "URLS", "MicrosoftAppId", "MicrosoftAppType", "MicrosoftAppPassword", "MicrosoftAppTenantId", "PORT" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilReadyAsync(client);
            foreach (var body in new[]
            {
                Message("m1", text: $"{TypedMarker} a pupil told me", value: null),
                Message("m2", text: null, value: new { action = "welcome.more", note = CardMarker }),
                "{ not json " + TypedMarker,
            })
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            }
        }
        finally
        {
            // A polite stop, so the console's queue is written out.
            using (var stop = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }

        string[] lines;
        lock (output)
        {
            lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("Category", out _), line);
            Assert.True(json.RootElement.TryGetProperty("EventId", out _), line);
        }

        Assert.Contains(lines, l => l.Contains("\"Category\":\"Microsoft.Hosting.Lifetime\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("StaffGuideBot", StringComparison.Ordinal));
        var everything = string.Join('\n', lines) + await error;
        Assert.DoesNotContain(TypedMarker, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(CardMarker, everything, StringComparison.Ordinal);
    }

    private static string Message(string id, string? text, object? value) => JsonSerializer.Serialize(new
    {
        type = "message",
        id,
        channelId = "msteams",
        serviceUrl = "http://127.0.0.1:9/",
        deliveryMode = "expectReplies",
        from = new { id = "29:json-user", name = "Json Test", aadObjectId = "00000000-0000-0000-0000-00000000j50n" },
        recipient = new { id = "28:bot", name = "StaffGuideBot" },
        conversation = new { id = "a:json-log", conversationType = "personal", tenantId = "tenant-json" },
        channelData = new { tenant = new { id = "tenant-json" } },
        locale = "en-GB",
        text,
        value,
    });

    private static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            Assert.True(DateTime.UtcNow < deadline, "the bot did not start within a minute");
            await Task.Delay(100);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
