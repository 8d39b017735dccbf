using System.Security.Claims;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Reports;

/// <summary>A draft makes one report, however often and however many times at once it is sent.</summary>
public sealed class ReportSubmitterTests
{
    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    private readonly MemoryStorage _storage = new();

    [Fact]
    public async Task Sends_of_one_draft_at_once_all_get_the_one_report_it_made_queued_once()
    {
        var submitter = new ReportSubmitter(new StorageReportStore(_storage), new RecordedDslEscalation(_storage, TimeProvider.System), TimeProvider.System);
        var draft = new ReportDraft { Answers = new JsonObject { ["immediate_danger"] = "no", ["came_to_attention"] = "child_told" } };

        var sends = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => submitter.SubmitAsync(Turn(), England, draft))));

        Assert.Single(sends.Select(s => s.Report.Reference).Distinct());
        Assert.Single(await _storage.ListKeysAsync("reports/SG-"));
        Assert.Single(await _storage.ListKeysAsync("reports/drafts/"));
        Assert.Single(await _storage.ListKeysAsync("outbox/"));
        // Numbers taken by the sends that lost are simply not used: the next draft's report still gets a number of its own.
        var next = await submitter.SubmitAsync(Turn(), England, new ReportDraft { Answers = draft.Answers.DeepClone().AsObject() });
        Assert.NotEqual(sends[0].Report.Reference, next.Report.Reference);
    }

    /// <summary>A counter set back (a restore) gives a number already taken: the send is stored with the next free number, nothing overwritten.</summary>
    [Fact]
    public async Task A_send_whose_number_is_taken_is_stored_with_the_next_free_number()
    {
        var store = new StorageReportStore(_storage);
        var year = TimeProvider.System.GetUtcNow().Year;
        var taken = await store.ReferenceForDraftAsync("a:chat-0", "d0", year);
        await store.SaveAsync(NewReport(taken.Reference), taken);
        await _storage.DeleteAsync([$"counters/reports/{year}"]);
        var submitter = new ReportSubmitter(store, new RecordedDslEscalation(_storage, TimeProvider.System), TimeProvider.System);

        var sent = await submitter.SubmitAsync(Turn(), England, new ReportDraft { Answers = new JsonObject { ["immediate_danger"] = "no", ["came_to_attention"] = "child_told" } });

        Assert.Equal($"SG-{year}-0002", sent.Report.Reference);
        Assert.Equal("a:chat-0", (await store.FindAsync(taken.Reference))!.Reporter.ConversationId);
    }

    private static Report NewReport(string reference) => new()
    {
        Reference = reference,
        SubmittedAt = TimeProvider.System.GetUtcNow(),
        StartedAt = TimeProvider.System.GetUtcNow(),
        ContentPack = "england",
        ContentVersion = "v1",
        Reporter = new Reporter { UserId = "u", ConversationId = "a:chat-0", ServiceUrl = "https://example.invalid/" },
        Answers = [],
        Flags = [],
    };

    private static TurnContext Turn() => new(new NoAdapter(), new Activity
    {
        Type = ActivityTypes.Message,
        Conversation = new ConversationAccount { Id = "a:chat-1" },
        From = new ChannelAccount { Id = "29:staff", AadObjectId = "aad-staff", Name = "Sam" },
        ServiceUrl = "https://smba.trafficmanager.net/uk/",
    });

    /// <summary>The submitter only reads the turn's activity.</summary>
    private sealed class NoAdapter : BotAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
