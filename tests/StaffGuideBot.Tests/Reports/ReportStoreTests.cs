using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Reports;

public sealed class ReportStoreTests
{
    private readonly StorageReportStore _store = new(new MemoryStorage());

    [Fact]
    public async Task The_numbering_carries_on_from_an_earlier_versions_counter_and_many_sends_at_once_never_share_a_number()
    {
        var storage = new ProtectedStorage(new MemoryStorage(), new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["reports/sequence/2026"] = new(new System.Text.Json.Nodes.JsonObject { ["last"] = 41 }) });
        var store = new StorageReportStore(storage);

        var references = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => store.NextReferenceAsync(2026))));

        Assert.Equal(Enumerable.Range(42, 100).Select(n => $"SG-2026-{n:0000}"), references.Order(StringComparer.Ordinal));
        Assert.Equal("SG-2027-0001", await store.NextReferenceAsync(2027));
    }

    [Fact]
    public async Task A_draft_keeps_the_reference_its_report_was_stored_with()
    {
        var first = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);
        Assert.Null(first.Sent);
        await _store.SaveAsync(NewReport(first.Reference), first);

        var again = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);

        Assert.Equal("SG-2026-0001", first.Reference);
        Assert.Equal(first.Reference, again.Reference);
        Assert.Equal(first.Reference, again.Sent?.Reference);
    }

    /// <summary>Draft ids are short and only unique within a conversation: another conversation's draft is another report.</summary>
    [Fact]
    public async Task The_same_draft_id_in_another_conversation_gets_its_own_reference()
    {
        var mine = await SendAsync("a:chat-1", "d1");
        var theirs = await SendAsync("a:chat-2", "d1");
        var another = await SendAsync("a:chat-1", "d2");

        Assert.Equal(3, new[] { mine, theirs, another }.Distinct().Count());
    }

    /// <summary>An allegation goes to another channel: a number of its own keeps the DSL channel's series without a gap that would hint at it.</summary>
    [Fact]
    public async Task An_allegation_takes_its_own_series_and_leaves_no_gap_in_the_others()
    {
        var first = await SendAsync("a:chat-1", "d1");
        var allegation = await SendAsync("a:chat-2", "d1", allegation: true);
        var next = await SendAsync("a:chat-3", "d1");
        var again = await _store.ReferenceForDraftAsync("a:chat-2", "d1", 2026, allegation: true);

        Assert.Equal(["SG-2026-0001", "SG-2026-A0001", "SG-2026-0002"], [first, allegation, next]);
        Assert.Equal(allegation, again.Reference);
    }

    [Fact]
    public async Task Of_sends_of_one_draft_at_once_one_stores_a_report_and_the_rest_store_nothing()
    {
        var sends = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var drafted = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);
            try
            {
                await _store.SaveAsync(NewReport(drafted.Reference), drafted);
                return drafted.Reference;
            }
            catch (StorageConcurrencyException)
            {
                return null;
            }
        })));

        var stored = Assert.Single(sends, s => s is not null);
        Assert.Equal(stored, (await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026)).Sent?.Reference);
        Assert.Equal([stored], (await _store.ListAsync(2026, allegation: false)).Select(r => r.Reference));
    }

    /// <summary>The report, the note of its draft and what is written alongside (its outbox entry and case) go in one write: all or nothing.</summary>
    [Fact]
    public async Task A_report_whose_alongside_items_are_refused_is_not_stored_nor_noted_as_the_drafts()
    {
        var storage = new MemoryStorage();
        var store = new StorageReportStore(storage);
        await storage.WriteAsync(new Dictionary<string, StoreItem> { ["outbox/SG-2026-0001"] = new([]) });
        var drafted = await store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);

        await Assert.ThrowsAsync<StorageConcurrencyException>(() => store.SaveAsync(NewReport(drafted.Reference), drafted,
            new Dictionary<string, StoreItem> { ["outbox/SG-2026-0001"] = new([], StoreItem.CreateOnly), ["cases/SG-2026-0001"] = new([], StoreItem.CreateOnly) }));

        Assert.Null(await store.FindAsync("SG-2026-0001"));
        Assert.Empty(await storage.ReadAsync(["cases/SG-2026-0001"]));
        Assert.Null((await store.ReferenceForDraftAsync("a:chat-1", "d1", 2026)).Sent);
    }

    /// <summary>An earlier version noted a draft's reference before storing its report; a send cut short in between is completed with that reference.</summary>
    [Fact]
    public async Task A_reference_noted_by_an_earlier_version_without_its_report_is_used_once()
    {
        var storage = new MemoryStorage();
        var store = new StorageReportStore(storage);
        // The note as an earlier version wrote it: keyed by a hash of the conversation and the draft.
        var noteKey = "reports/drafts/" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData("a:chat-1\nd1"u8))[..32];
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [noteKey] = new(new System.Text.Json.Nodes.JsonObject { ["reference"] = "SG-2026-0007" }) });

        var drafted = await store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);
        await store.SaveAsync(NewReport(drafted.Reference), drafted);

        Assert.Equal("SG-2026-0007", drafted.Reference);
        Assert.Null(drafted.Sent);
        Assert.Equal("SG-2026-0007", (await store.ReferenceForDraftAsync("a:chat-1", "d1", 2026)).Sent?.Reference);
        await Assert.ThrowsAsync<StorageConcurrencyException>(() => store.SaveAsync(NewReport("SG-2026-0008"), drafted));
        Assert.Null(await store.FindAsync("SG-2026-0008"));
    }

    private async Task<string> SendAsync(string conversationId, string draftId, bool allegation = false)
    {
        var drafted = await _store.ReferenceForDraftAsync(conversationId, draftId, 2026, allegation);
        await _store.SaveAsync(NewReport(drafted.Reference), drafted);
        return drafted.Reference;
    }

    private static Report NewReport(string reference) => new()
    {
        Reference = reference,
        SubmittedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero),
        Reporter = new Reporter { UserId = "u", ConversationId = "c", ServiceUrl = "https://example.invalid/" },
        StartedAt = new DateTimeOffset(2026, 11, 20, 9, 50, 0, TimeSpan.Zero),
        ContentPack = "england",
        ContentVersion = "v1",
        Answers = [],
        Flags = [],
    };
}
