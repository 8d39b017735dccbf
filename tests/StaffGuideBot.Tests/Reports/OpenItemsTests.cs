using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Reports;

/// <summary>
/// No shared hot document: the open drafts, the open cases and the outbox are small items per conversation, per case
/// and per report, found by listing a key prefix; what an earlier version kept in one document is carried over the first time it is read.
/// </summary>
public sealed class OpenItemsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task Each_conversation_writes_only_its_own_draft_item_and_due_drafts_are_found_by_listing()
    {
        var drafts = new OpenDrafts(_storage);

        await drafts.TrackAsync(Reference("a:one"), Now.AddMinutes(-30));
        await drafts.TrackAsync(Reference("a:two"), Now.AddMinutes(-5));
        await drafts.TrackAsync(Reference("a:three"), Now.AddMinutes(-40));
        await drafts.ForgetAsync("a:three");

        Assert.Equal(["drafts/open/a:one", "drafts/open/a:two"], await _storage.ListKeysAsync("drafts/"));
        var due = await drafts.DueAsync(Now, TimeSpan.FromMinutes(20));
        Assert.Equal(["a:one"], due.Select(d => d.ConversationId));

        await drafts.MarkRemindedAsync("a:one", due[0].UpdatedAt);
        await drafts.MarkRemindedAsync("a:gone", Now);

        Assert.Empty(await drafts.DueAsync(Now, TimeSpan.FromMinutes(20)));
        Assert.Equal(["drafts/open/a:one", "drafts/open/a:two"], await _storage.ListKeysAsync("drafts/"));
    }

    [Fact]
    public async Task An_earlier_versions_list_of_drafts_becomes_one_item_each_and_nothing_is_lost()
    {
        var earlier = new JsonObject
        {
            ["a:one"] = new JsonObject { ["updatedAt"] = Now.AddMinutes(-30).ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["reference"] = System.Text.Json.JsonSerializer.SerializeToNode(Reference("a:one"), BotJson.Options) },
            ["a:two"] = new JsonObject { ["updatedAt"] = Now.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture), ["reference"] = System.Text.Json.JsonSerializer.SerializeToNode(Reference("a:two"), BotJson.Options) },
        };
        await _storage.WriteAsync(new Dictionary<string, StoreItem> { ["drafts/open"] = new(earlier, null) });

        var due = await new OpenDrafts(_storage).DueAsync(Now, TimeSpan.FromMinutes(20));

        Assert.Equal(["a:one"], due.Select(d => d.ConversationId));
        Assert.Equal(["drafts/open/a:one", "drafts/open/a:two"], await _storage.ListKeysAsync("drafts/"));
    }

    [Fact]
    public async Task An_open_case_has_its_own_marker_until_it_closes_and_no_shared_index_is_written()
    {
        var cases = new CaseStore(_storage);

        await cases.CreateAsync(new ReportCase { Reference = "SG-2026-0002" });
        await cases.CreateAsync(new ReportCase { Reference = "SG-2026-0001" });
        await cases.UpdateAsync("SG-2026-0002", c => c.Status = CaseStatus.Closed);

        Assert.Equal(["SG-2026-0001"], (await cases.ListOpenAsync()).Select(c => c.Reference));
        Assert.Equal(["cases/open/SG-2026-0001"], await _storage.ListKeysAsync("cases/open"));
    }

    [Fact]
    public async Task An_earlier_versions_index_of_open_cases_becomes_markers_and_nothing_is_lost()
    {
        var cases = new CaseStore(_storage);
        await cases.CreateAsync(new ReportCase { Reference = "SG-2026-0001" });
        await _storage.DeleteAsync(["cases/open/SG-2026-0001"]);
        await _storage.WriteAsync(new Dictionary<string, StoreItem> { ["cases/open"] = new(new JsonObject { ["SG-2026-0001"] = true }, null) });

        Assert.Equal(["SG-2026-0001"], (await cases.ListOpenAsync()).Select(c => c.Reference));
        Assert.Equal(["cases/open/SG-2026-0001"], await _storage.ListKeysAsync("cases/open"));
    }

    [Fact]
    public async Task The_outbox_is_its_entries_found_by_listing_oldest_first_and_an_earlier_index_becomes_entries()
    {
        var outbox = new StaffGuideBot.Guidance.Dsl.DslOutbox(_storage);
        await outbox.AddAsync("SG-2026-0002", Now.AddMinutes(-1));
        await outbox.AddAsync("SG-2026-0002", Now.AddMinutes(-1));
        await outbox.AddAsync("SG-2026-0003", Now.AddMinutes(-9));

        // A crash under an earlier version left a reference in its index without an entry.
        await _storage.WriteAsync(new Dictionary<string, StoreItem> { ["outbox/index"] = new(new JsonObject { ["references"] = new JsonObject { ["SG-2026-0001"] = Now.AddMinutes(-20).ToString("O", System.Globalization.CultureInfo.InvariantCulture) } }, null) });

        Assert.Equal(["SG-2026-0001", "SG-2026-0003", "SG-2026-0002"], await outbox.PendingAsync());
        Assert.Equal(["outbox/SG-2026-0001", "outbox/SG-2026-0002", "outbox/SG-2026-0003"], await _storage.ListKeysAsync("outbox/"));

        await outbox.RemoveAsync("SG-2026-0003");

        Assert.Equal(["SG-2026-0001", "SG-2026-0002"], await outbox.PendingAsync());
    }

    private static ConversationReference Reference(string conversationId) => new()
    {
        Conversation = new ConversationAccount { Id = conversationId },
        ServiceUrl = "https://smba.example/",
    };
}
