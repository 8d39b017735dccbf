using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>
/// Routes each activity to a virtual method by its type (and, for Teams, its channel event type).
/// Override what the bot handles; the defaults do nothing, except unhandled invokes, which answer 501 as Bot Builder does.
/// </summary>
public class ActivityHandler : IBot
{
    public const string AdaptiveCardActionInvokeName = "adaptiveCard/action";

    public virtual async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (turnContext.Activity.Type)
        {
            case ActivityTypes.Message:
                await OnMessageActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.ConversationUpdate:
                await OnConversationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.InstallationUpdate:
                await OnInstallationUpdateActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.Invoke:
                var response = await OnInvokeActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                if (turnContext.TurnState.Get<InvokeResponse>(BotAdapter.InvokeResponseKey) is null)
                {
                    await turnContext.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = response }, cancellationToken).ConfigureAwait(false);
                }

                break;
            case ActivityTypes.Event:
                await OnEventActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            case ActivityTypes.MessageReaction:
                await OnMessageReactionActivityAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await OnUnrecognizedActivityTypeAsync(turnContext, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    protected virtual Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Teams channel events go to their own methods; otherwise members added/removed (the bot itself excluded).</summary>
    protected virtual async Task OnConversationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var teams = activity.ChannelId == Channels.Msteams ? activity.GetTeamsChannelData() : null;
        switch (teams?.EventType)
        {
            case TeamsEventTypes.ChannelCreated:
                await OnTeamsChannelCreatedAsync(teams.Channel, teams.Team, turnContext, cancellationToken).ConfigureAwait(false);
                return;
            case TeamsEventTypes.ChannelDeleted:
                await OnTeamsChannelDeletedAsync(teams.Channel, teams.Team, turnContext, cancellationToken).ConfigureAwait(false);
                return;
            case TeamsEventTypes.ChannelRenamed:
                await OnTeamsChannelRenamedAsync(teams.Channel, teams.Team, turnContext, cancellationToken).ConfigureAwait(false);
                return;
            case TeamsEventTypes.ChannelRestored:
                await OnTeamsChannelRestoredAsync(teams.Channel, teams.Team, turnContext, cancellationToken).ConfigureAwait(false);
                return;
            case TeamsEventTypes.TeamRenamed:
                await OnTeamsTeamRenamedAsync(teams.Team, turnContext, cancellationToken).ConfigureAwait(false);
                return;
        }

        var botId = activity.Recipient?.Id;
        var added = activity.MembersAdded?.Where(m => m.Id != botId).ToList() ?? [];
        var removed = activity.MembersRemoved?.Where(m => m.Id != botId).ToList() ?? [];
        if (activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await OnBotAddedAsync(turnContext, cancellationToken).ConfigureAwait(false);
        }

        if (added.Count > 0)
        {
            await OnMembersAddedAsync(added, turnContext, cancellationToken).ConfigureAwait(false);
        }

        if (removed.Count > 0)
        {
            await OnMembersRemovedAsync(removed, turnContext, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The bot itself was added to the conversation (a personal chat, group chat or team).</summary>
    protected virtual Task OnBotAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>People (not the bot) were added.</summary>
    protected virtual Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMembersRemovedAsync(IReadOnlyList<ChannelAccount> membersRemoved, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTeamsChannelCreatedAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTeamsChannelDeletedAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTeamsChannelRenamedAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTeamsChannelRestoredAsync(ChannelInfo? channel, TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnTeamsTeamRenamedAsync(TeamInfo? team, ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The app was installed or removed. As in Bot Builder: action "add" or "add-upgrade" goes to
    /// <see cref="OnInstallationUpdateAddAsync"/>, "remove" or "remove-upgrade" to <see cref="OnInstallationUpdateRemoveAsync"/>;
    /// any other is ignored.
    /// </summary>
    protected virtual Task OnInstallationUpdateActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Action switch
        {
            "add" or "add-upgrade" => OnInstallationUpdateAddAsync(turnContext, cancellationToken),
            "remove" or "remove-upgrade" => OnInstallationUpdateRemoveAsync(turnContext, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    /// <summary>The app was installed in this conversation (a personal chat, group chat or team), or an upgrade added its bot.</summary>
    protected virtual Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The app was removed from this conversation, or an upgrade removed its bot.</summary>
    protected virtual Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnEventActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnMessageReactionActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    protected virtual Task OnUnrecognizedActivityTypeAsync(ITurnContext turnContext, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Answers an invoke. <c>adaptiveCard/action</c> (Universal Actions, Action.Execute) goes to <see cref="OnAdaptiveCardInvokeAsync"/>;
    /// a malformed one gets 400 with an error body; any other invoke name gets 501.
    /// </summary>
    protected virtual async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Name != AdaptiveCardActionInvokeName)
        {
            return new InvokeResponse { Status = 501 };
        }

        var value = turnContext.Activity.GetValue<AdaptiveCardInvokeValue>();
        if (value?.Action is null || !string.Equals(value.Action.Type, "Action.Execute", StringComparison.Ordinal))
        {
            return new InvokeResponse
            {
                Status = 400,
                Body = AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The card action is missing or is not an Action.Execute."),
            };
        }

        var result = await OnAdaptiveCardInvokeAsync(turnContext, value, cancellationToken).ConfigureAwait(false);
        return new InvokeResponse { Status = 200, Body = result };
    }

    /// <summary>An Action.Execute from a card; return the refreshed card, a message, or an error.</summary>
    protected virtual Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        Task.FromResult(AdaptiveCardInvokeResponse.Error(501, "NotImplemented", "This card action is not supported."));
}
