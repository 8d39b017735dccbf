using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.Builder;

public class ActivityHandlerTests
{
    private sealed class RecordingHandler : ActivityHandler
    {
        public List<string> Calls { get; } = [];

        protected override Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("message");

        protected override Task OnBotAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("botAdded");

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record("membersAdded:" + string.Join(",", membersAdded.Select(m => m.Id)));

        protected override Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record("membersRemoved:" + string.Join(",", membersRemoved.Select(m => m.Id)));

        protected override Task OnTeamsChannelCreatedAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record($"channelCreated:{channel?.Name}:{team?.Id}");

        protected override Task OnTeamsChannelRenamedAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record($"channelRenamed:{channel?.Name}");

        protected override Task OnTeamsChannelDeletedAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record($"channelDeleted:{channel?.Id}");

        protected override Task OnTeamsTeamRenamedAsync(TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) =>
            Record($"teamRenamed:{team?.Name}");

        protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("installationAdd");

        protected override Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("installationRemove");

        protected override Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Record("unrecognized:" + turnContext.Activity.Type);

        protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
        {
            Calls.Add("execute:" + invokeValue.Action!.Verb + ":" + invokeValue.Action.Data.GetProperty("id").GetString());
            return Task.FromResult(AdaptiveCardInvokeResponse.Message("done"));
        }

        private Task Record(string call)
        {
            Calls.Add(call);
            return Task.CompletedTask;
        }
    }

    private readonly TestAdapter _adapter = new();
    private readonly RecordingHandler _handler = new();

    private async Task<ITurnContext> RunAsync(Activity activity)
    {
        ITurnContext? context = null;
        await _adapter.ProcessAsync(activity, async (ctx, ct) =>
        {
            context = ctx;
            await _handler.OnTurnAsync(ctx, ct);
        });
        return context!;
    }

    private Activity Update(string? eventType = null, object? channelData = null)
    {
        var activity = _adapter.MakeMessage();
        activity.Type = ActivityTypes.ConversationUpdate;
        activity.ChannelId = Channels.Msteams;
        activity.ChannelData = channelData ?? (eventType is null ? null : new { eventType, channel = new { id = "19:c@thread", name = "DSL reports" }, team = new { id = "team-1", name = "Safeguarding" } });
        return activity;
    }

    [Fact]
    public async Task Messages_go_to_the_message_handler()
    {
        await RunAsync(_adapter.MakeMessage("hi"));

        Assert.Equal(["message"], _handler.Calls);
    }

    [Fact]
    public async Task Members_added_exclude_the_bot_and_the_bot_being_added_is_its_own_event()
    {
        var activity = Update();
        activity.MembersAdded = [new ChannelAccount { Id = "user-a" }, new ChannelAccount { Id = "bot" }];
        activity.MembersRemoved = [new ChannelAccount { Id = "user-b" }];

        await RunAsync(activity);

        Assert.Equal(["botAdded", "membersAdded:user-a", "membersRemoved:user-b"], _handler.Calls);
    }

    [Theory]
    [InlineData(TeamsEventTypes.ChannelCreated, "channelCreated:DSL reports:team-1")]
    [InlineData(TeamsEventTypes.ChannelRenamed, "channelRenamed:DSL reports")]
    [InlineData(TeamsEventTypes.ChannelDeleted, "channelDeleted:19:c@thread")]
    [InlineData(TeamsEventTypes.TeamRenamed, "teamRenamed:Safeguarding")]
    public async Task Teams_channel_events_go_to_their_own_handlers(string eventType, string expected)
    {
        await RunAsync(Update(eventType));

        Assert.Equal([expected], _handler.Calls);
    }

    [Fact]
    public async Task A_teams_event_type_on_another_channel_is_not_treated_as_teams()
    {
        var activity = Update(TeamsEventTypes.ChannelCreated);
        activity.ChannelId = Channels.Webchat;
        activity.MembersAdded = [new ChannelAccount { Id = "user-a" }];

        await RunAsync(activity);

        Assert.Equal(["membersAdded:user-a"], _handler.Calls);
    }

    /// <summary>A personal install as Teams sends it: the conversationUpdate's membersAdded holds only the bot.</summary>
    [Fact]
    public async Task A_personal_install_whose_members_added_hold_only_the_bot_is_the_bot_added_and_no_members()
    {
        var activity = BotJson.Deserialize<Activity>("""
            {
              "type": "conversationUpdate",
              "membersAdded": [{ "id": "28:bot-app-id" }],
              "id": "f:personal-install",
              "channelId": "msteams",
              "serviceUrl": "https://smba.trafficmanager.net/uk/",
              "from": { "id": "29:user-alex", "aadObjectId": "user-object" },
              "conversation": { "conversationType": "personal", "tenantId": "tenant-1", "id": "a:personal-alex" },
              "recipient": { "id": "28:bot-app-id", "name": "StaffGuideBot" },
              "channelData": { "tenant": { "id": "tenant-1" } }
            }
            """)!;

        await RunAsync(activity);

        Assert.Equal(["botAdded"], _handler.Calls);
    }

    /// <summary>As Bot Builder's ActivityHandler: the action, with or without "-upgrade", picks add or remove; any other is ignored.</summary>
    [Theory]
    [InlineData("add", "installationAdd")]
    [InlineData("add-upgrade", "installationAdd")]
    [InlineData("remove", "installationRemove")]
    [InlineData("remove-upgrade", "installationRemove")]
    [InlineData("Add", null)]
    [InlineData("somethingNew", null)]
    [InlineData(null, null)]
    public async Task Installation_updates_go_to_add_or_remove_by_their_action(string? action, string? expected)
    {
        var install = _adapter.MakeMessage();
        install.Type = ActivityTypes.InstallationUpdate;
        install.Action = action;

        await RunAsync(install);

        Assert.Equal(expected is null ? [] : [expected], _handler.Calls);
    }

    [Fact]
    public async Task Unknown_types_are_routed_to_their_own_handler()
    {
        var unknown = _adapter.MakeMessage();
        unknown.Type = "somethingNew";

        await RunAsync(unknown);

        Assert.Equal(["unrecognized:somethingNew"], _handler.Calls);
    }

    [Fact]
    public async Task An_action_execute_invoke_reaches_the_handler_and_its_answer_becomes_the_invoke_response()
    {
        var invoke = _adapter.MakeMessage();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = ActivityHandler.AdaptiveCardActionInvokeName;
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "acknowledge", data = new { id = "SG-2026-0042" } } });

        var context = await RunAsync(invoke);

        Assert.Equal(["execute:acknowledge:SG-2026-0042"], _handler.Calls);
        var invokeResponse = context.TurnState.Get<InvokeResponse>(BotAdapter.InvokeResponseKey);
        Assert.Equal(200, invokeResponse!.Status);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(invokeResponse.Body);
        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, body.Type);
        Assert.Empty(_adapter.Sent);
    }

    /// <summary>The invoke response lives in turn state: one the turn already gave (as a failed save does) is kept, whatever the context type.</summary>
    [Fact]
    public async Task An_invoke_response_already_given_in_the_turn_is_not_replaced()
    {
        var invoke = _adapter.MakeMessage();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = ActivityHandler.AdaptiveCardActionInvokeName;
        invoke.Value = JsonSerializer.SerializeToElement(new { action = new { type = "Action.Execute", verb = "acknowledge", data = new { id = "SG-2026-0042" } } });
        var given = new InvokeResponse { Status = 202 };

        ITurnContext? context = null;
        await _adapter.ProcessAsync(invoke, async (ctx, ct) =>
        {
            context = ctx;
            await ctx.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = given }, ct);
            await _handler.OnTurnAsync(ctx, ct);
        });

        Assert.Equal(["execute:acknowledge:SG-2026-0042"], _handler.Calls);
        Assert.Same(given, context!.TurnState.Get<InvokeResponse>(BotAdapter.InvokeResponseKey));
    }

    [Fact]
    public async Task The_error_handler_answers_a_failed_card_action_with_a_message_and_a_failed_message_with_text()
    {
        var handler = new TurnErrorHandler(NullLogger<TurnErrorHandler>.Instance, reference => "Sorry (" + reference + ")");
        _adapter.OnTurnError = handler.HandleAsync;
        var invoke = _adapter.MakeMessage();
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = ActivityHandler.AdaptiveCardActionInvokeName;

        ITurnContext? invokeContext = null;
        await _adapter.ProcessAsync(invoke, (ctx, _) => { invokeContext = ctx; throw new InvalidOperationException(); });
        var sent = await _adapter.ProcessAsync(_adapter.MakeMessage("x"), (_, _) => throw new InvalidOperationException());

        var invokeResponse = invokeContext!.TurnState.Get<InvokeResponse>(BotAdapter.InvokeResponseKey);
        var body = Assert.IsType<AdaptiveCardInvokeResponse>(invokeResponse!.Body);
        Assert.Equal(200, invokeResponse.Status);
        Assert.StartsWith("Sorry (", (string)body.Value!, StringComparison.Ordinal);
        Assert.StartsWith("Sorry (", Assert.Single(sent).Text, StringComparison.Ordinal);
    }
}
