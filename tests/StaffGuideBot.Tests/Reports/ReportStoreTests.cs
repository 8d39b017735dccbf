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
    public async Task A_draft_keeps_the_reference_it_was_first_given()
    {
        var first = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);
        var again = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);

        Assert.Equal("SG-2026-0001", first);
        Assert.Equal(first, again);
    }

    /// <summary>Draft ids are short and only unique within a conversation: another conversation's draft is another report.</summary>
    [Fact]
    public async Task The_same_draft_id_in_another_conversation_gets_its_own_reference()
    {
        var mine = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);
        var theirs = await _store.ReferenceForDraftAsync("a:chat-2", "d1", 2026);
        var another = await _store.ReferenceForDraftAsync("a:chat-1", "d2", 2026);

        Assert.Equal(3, new[] { mine, theirs, another }.Distinct().Count());
    }

    /// <summary>An allegation goes to another channel: a number of its own keeps the DSL channel's series without a gap that would hint at it.</summary>
    [Fact]
    public async Task An_allegation_takes_its_own_series_and_leaves_no_gap_in_the_others()
    {
        var first = await _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026);
        var allegation = await _store.ReferenceForDraftAsync("a:chat-2", "d1", 2026, allegation: true);
        var next = await _store.ReferenceForDraftAsync("a:chat-3", "d1", 2026);
        var again = await _store.ReferenceForDraftAsync("a:chat-2", "d1", 2026, allegation: true);

        Assert.Equal(["SG-2026-0001", "SG-2026-A0001", "SG-2026-0002"], [first, allegation, next]);
        Assert.Equal(allegation, again);
    }

    [Fact]
    public async Task Two_sends_of_one_draft_at_once_agree_on_one_reference()
    {
        var both = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _store.ReferenceForDraftAsync("a:chat-1", "d1", 2026))));

        Assert.Single(both.Distinct());
    }
}
