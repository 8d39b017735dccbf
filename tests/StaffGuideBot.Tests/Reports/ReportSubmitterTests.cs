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
