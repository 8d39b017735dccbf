using Microsoft.Data.Sqlite;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Bots;

/// <summary>An image or file a user sends is never stored, logged, shown or forwarded.</summary>
public sealed class AttachmentTests : IDisposable
{
    private const string Marker = "imgmarker-5c1e";

    private readonly TempDirectory _folder = new();
    private readonly BotApplicationFactory _factory;
    private readonly ChatDriver _chat;

    public AttachmentTests()
    {
        _factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
        });
        _chat = new ChatDriver(_factory.CreateClient());
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    public static TheoryData<string> Files() => new()
    {
        "image/png",
        "application/vnd.microsoft.teams.file.download.info",
        "video/mp4",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_file_in_the_middle_of_a_report_is_refused_and_nothing_of_it_is_kept_or_logged(string contentType)
    {
        await _chat.SayAsync("help");
        await _chat.ClickAsync("Report a concern now");

        await _chat.SendAsync(WithFile(contentType));

        var reply = Assert.Single(_chat.LastReplies);
        Assert.Contains("Please delete that file from this chat now", reply.Text, StringComparison.Ordinal);
        Assert.Null(reply.Attachments?.FirstOrDefault(a => a.ContentType != Attachment.AdaptiveCardContentType));
        Assert.DoesNotContain(Marker, BotJson.Serialize(_chat.Received), StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Logs, line => line.Contains(Marker, StringComparison.Ordinal));
        Assert.Empty(_factory.Connector.Invocations);
        await AssertNotStoredAsync();

        // The report carries on where it was.
        await _chat.SayAsync("no, they told me");
        Assert.Contains("How to respond", _chat.LastText, StringComparison.Ordinal);
        await AssertNotStoredAsync();
    }

    [Fact]
    public async Task An_inline_image_in_a_teams_html_message_is_refused_but_plain_formatted_text_is_not()
    {
        var inline = Activities.Message("look " + Marker);
        inline.Attachments = [new Attachment { ContentType = "text/html", Content = $"<p>look</p><img src=\"https://x/{Marker}.png\">" }];
        var formatted = Activities.Message("hello");
        formatted.Attachments = [new Attachment { ContentType = "text/html", Content = "<p><b>hello</b></p>" }];

        Assert.True(GuideBot.HasUserFile(inline));
        Assert.False(GuideBot.HasUserFile(formatted));
        await _chat.SendAsync(inline);
        Assert.Contains("Please delete that file", _chat.LastText, StringComparison.Ordinal);
        await _chat.SendAsync(formatted);
        Assert.Contains("Report a concern now", _chat.LastText, StringComparison.Ordinal);
        await AssertNotStoredAsync();
    }

    private static Activity WithFile(string contentType)
    {
        var activity = Activities.Message("here it is " + Marker, "a:personal-flow");
        activity.Attachments =
        [
            new Attachment
            {
                ContentType = contentType,
                ContentUrl = $"https://files.example/{Marker}.png",
                Name = $"{Marker}.png",
                Content = new { downloadUrl = $"https://files.example/{Marker}", uniqueId = Marker },
            },
        ];
        return activity;
    }

    /// <summary>Reads every stored row straight from the SQLite file.</summary>
    private async Task AssertNotStoredAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.Combine("state.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key || ' ' || document FROM items";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.DoesNotContain(Marker, reader.GetString(0), StringComparison.Ordinal);
        }

        Assert.True(rows > 0, "the conversation's state should be stored, so the check above means something");
    }
}
