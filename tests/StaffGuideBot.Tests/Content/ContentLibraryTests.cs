using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>The library's reload outcomes, its snapshots in storage, and telling admins once per change.</summary>
public sealed class ContentLibraryTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly MemoryStorage _storage = new();

    public ContentLibraryTests()
    {
        Directory.CreateDirectory(_folder.Combine("england"));
        foreach (var file in Directory.GetFiles(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")))
        {
            File.Copy(file, _folder.Combine("england", Path.GetFileName(file)));
        }
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Reloading_says_whether_a_change_went_live_was_refused_or_was_refused_already()
    {
        using var library = NewLibrary();
        var first = await library.ReloadAsync();
        Assert.Equal(ContentReloadOutcome.Live, first.Outcome);
        Assert.Equal(ContentReloadOutcome.Unchanged, (await library.ReloadAsync()).Outcome);

        Edit("texts.yaml", "cancel.yes: ", "cancel.yse: ");
        var refused = await library.ReloadAsync();
        Assert.Equal(ContentReloadOutcome.RefusedNew, refused.Outcome);
        Assert.Equal(first.Status.Live.Version, refused.Status.Live.Version);
        Assert.Equal(ContentReloadOutcome.RefusedAgain, (await library.ReloadAsync()).Outcome);

        Edit("texts.yaml", "cancel.yse: ", "cancel.yes: ");
        var mended = await library.ReloadAsync();
        Assert.Equal(ContentReloadOutcome.Live, mended.Outcome);
        Assert.Null(mended.Status.Pending);
        Assert.Equal(first.Status.Live.Version, mended.Status.Live.Version);
    }

    [Fact]
    public async Task Broken_files_with_no_earlier_good_version_stop_start_up_with_where_and_what()
    {
        Edit("flow.yaml", "type: acknowledge", "type: acknowlege");
        using var library = NewLibrary();

        var error = await Assert.ThrowsAsync<ContentPackException>(() => library.ReloadAsync());

        Assert.StartsWith($"The content pack in '{_folder.Combine("england")}' has 1 error:", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"\nflow\.yaml:\d+:\d+: step 'images_warning' has unknown type 'acknowlege'", error.Message);
        Assert.Throws<InvalidOperationException>(() => library.Live);
    }

    [Fact]
    public async Task Every_version_that_went_live_can_be_had_again_from_storage_by_a_new_library()
    {
        string v1;
        using (var library = NewLibrary())
        {
            v1 = (await library.ReloadAsync()).Status.Live.Version;
            Edit("texts.yaml", "Worried about nude or semi-nude images?", "Worried about an image?");
            Assert.NotEqual(v1, (await library.ReloadAsync()).Status.Live.Version);
        }

        using var restarted = NewLibrary();
        await restarted.ReloadAsync();
        var old = await restarted.ForAsync(v1);
        Assert.Equal(v1, old.Version);
        Assert.NotEqual(v1, restarted.Live.Version);
        Assert.Same(restarted.Live, await restarted.ForAsync("0000dead"));
        Assert.Same(restarted.Live, await restarted.ForAsync(null));
    }

    [Fact]
    public async Task An_older_version_keeps_its_wording_but_gets_the_live_contacts()
    {
        using var library = NewLibrary();
        var v1 = (await library.ReloadAsync()).Status.Live.Version;
        Edit("contacts.yaml", "phone: \"[DSL phone]\"\n    notes: Tell them the same day. Phone straight away if a child may be at risk.\n    placeholder: true", "phone: \"01632 960123\"\n    notes: Tell them the same day. Phone straight away if a child may be at risk.");
        Edit("contacts.yaml", "  - id: police_local\n", "  - id: police_local_renamed\n");
        Edit("texts.yaml", "Worried about nude or semi-nude images?", "Worried about an image?");
        await library.ReloadAsync();

        var old = await library.ForAsync(v1);

        Assert.Equal(v1, old.Version);
        Assert.Equal("Worried about nude or semi-nude images?", old.Texts[TextKeys.MenuTitle]);
        Assert.Equal("01632 960123", old.Contacts.Find("dsl")!.Phone);
        Assert.Equal("[01632 960123](tel:01632960123)", old.Fill("{contact.dsl.phone}"));
        Assert.NotNull(old.Contacts.Find("police_local"));
        Assert.NotNull(old.Contacts.Find("police_local_renamed"));
        Assert.Equal(library.Live.Contacts.School.Select(c => c.Id), old.Contacts.School.Select(c => c.Id));
        Assert.Same(old, await library.ForAsync(v1));
    }

    [Fact]
    public async Task Admins_are_told_once_per_refused_change_even_across_a_restart()
    {
        var connector = new Mock<IConnectorClient>();
        connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, ConversationParameters p, CancellationToken _) => new ConversationResourceResponse { Id = "chat-" + p.Members![0].Id });
        var content = new ContentOptions();
        content.Admins.Add("aad-admin-1");
        content.Admins.Add("aad-admin-2");
        var alerts = new ContentAlerts(connector.Object, Options.Create(content), new DslChannelProvider(Options.Create(new DslOptions { ServiceUrl = "https://smba.trafficmanager.net/uk/", TenantId = "tenant-1" })), _storage, NullLogger<ContentAlerts>.Instance);

        using (var library = NewLibrary())
        {
            await library.ReloadAsync();
            Edit("texts.yaml", "cancel.yes: ", "cancel.yse: ");
            await alerts.TellAdminsAsync((await library.ReloadAsync()).Status);
            await alerts.TellAdminsAsync((await library.ReloadAsync()).Status);
        }

        using (var restarted = NewLibrary())
        {
            var again = await restarted.ReloadAsync();
            Assert.Equal(ContentReloadOutcome.RefusedNew, again.Outcome);
            await alerts.TellAdminsAsync(again.Status);
        }

        connector.Verify(c => c.SendToConversationAsync(It.IsAny<string>(), "chat-aad-admin-1", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        connector.Verify(c => c.SendToConversationAsync(It.IsAny<string>(), "chat-aad-admin-2", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Once);
        connector.Verify(c => c.CreateConversationAsync(It.IsAny<string>(), It.Is<ConversationParameters>(p => p.TenantId == "tenant-1" && p.IsGroup == false), It.IsAny<CancellationToken>()), Times.Exactly(2));

        Edit("texts.yaml", "cancel.yse: ", "cancel.ys: ");
        using var changedAgain = NewLibrary();
        await alerts.TellAdminsAsync((await changedAgain.ReloadAsync()).Status);
        connector.Verify(c => c.SendToConversationAsync(It.IsAny<string>(), "chat-aad-admin-1", It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task The_admins_message_and_content_status_list_at_most_ten_problems()
    {
        using var library = NewLibrary();
        await library.ReloadAsync();
        var texts = File.ReadAllText(_folder.Combine("england", "texts.yaml"));
        foreach (var key in new[] { "menu.title", "menu.text", "menu.report", "menu.quick", "menu.contacts", "welcome", "quick.title", "quick.text", "quick.startReport", "contacts.title", "contacts.text", "cancel.yes" })
        {
            texts = texts.Replace("\n" + key + ":", "\nx" + key + ":", StringComparison.Ordinal);
        }

        File.WriteAllText(_folder.Combine("england", "texts.yaml"), texts);
        var status = (await library.ReloadAsync()).Status;
        Assert.InRange(status.Pending!.Problems.Count, ContentAlerts.ProblemsShown + 1, int.MaxValue);

        var message = ContentAlerts.RefusedText(status);
        Assert.Equal(ContentAlerts.ProblemsShown, message.Split('\n').Count(l => l.StartsWith("- england/texts.yaml:", StringComparison.Ordinal)));
        Assert.EndsWith("\n- …", message, StringComparison.Ordinal);
        Assert.Contains($"It has {status.Pending.Problems.Count} problem(s)", message, StringComparison.Ordinal);
        var statusText = ContentAlerts.StatusText(status, status.LoadedAt.AddMinutes(5));
        Assert.Contains("**A newer change was refused**", statusText, StringComparison.Ordinal);
        Assert.Equal(ContentAlerts.ProblemsShown, statusText.Split('\n').Count(l => l.StartsWith("- england/texts.yaml:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refused_change_names_the_file_from_the_content_folder_so_the_admin_opens_the_right_pack()
    {
        Directory.CreateDirectory(_folder.Combine("scotland"));
        foreach (var file in Directory.GetFiles(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "scotland")))
        {
            File.Copy(file, _folder.Combine("scotland", Path.GetFileName(file)));
        }

        using var library = NewLibrary("scotland");
        Assert.Equal("scotland", (await library.ReloadAsync()).Status.Live.Id);

        Edit("flow.yaml", "type: acknowledge", "type: acknowlege");
        var inBase = (await library.ReloadAsync()).Status.Pending!.Problems;
        Assert.Contains(inBase, p => p.ToString().StartsWith("england/flow.yaml:", StringComparison.Ordinal) && p.Message.Contains("acknowlege", StringComparison.Ordinal));
        Assert.Contains(inBase, p => p.ToString().StartsWith("scotland/pack.yaml:", StringComparison.Ordinal) && p.Message.Contains("extends 'england'", StringComparison.Ordinal));

        Edit("flow.yaml", "type: acknowlege", "type: acknowledge");
        var flow = _folder.Combine("scotland", "flow.yaml");
        File.WriteAllText(flow, File.ReadAllText(flow).Replace("  - id: girfec\n", "  - id: girfec\n    showIf: { answer: no_such_question, is: \"yes\" }\n", StringComparison.Ordinal));
        var own = Assert.Single((await library.ReloadAsync()).Status.Pending!.Problems);
        Assert.Matches(@"^scotland/flow\.yaml:\d+:\d+: showIf of step 'girfec': unknown question 'no_such_question'", own.ToString());
    }

    private ContentLibrary NewLibrary(string pack = "england")
    {
        var options = new ContentOptions { Folder = _folder.Path, Pack = pack };
        return new ContentLibrary(options, _folder.Path, _storage, TimeProvider.System, NullLogger<ContentLibrary>.Instance);
    }

    private void Edit(string file, string from, string to)
    {
        var path = _folder.Combine("england", file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
