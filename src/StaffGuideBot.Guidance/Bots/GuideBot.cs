using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using System.Runtime.CompilerServices;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Bots;

/// <summary>
/// The bot. In a personal chat: the menu (report a concern, what to do right now, contact the DSL), the report flow,
/// cancelling with confirmation. Anywhere: an image or file is never kept, shown or passed on. When a turn's changes
/// can't be saved, the user is told so and shown the step they were on again.
/// </summary>
public sealed class GuideBot : ActivityHandler, ITurnNotSavedHandler
{
    private readonly ContentLibrary _content;
    private readonly ConversationState _conversationState;
    private readonly ReportDialogFactory _reportDialogs;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;

    /// <summary>The report dialog of each content pack in use: a draft finishes on the version it started with.</summary>
    private readonly ConditionalWeakTable<ContentPack, DialogSet> _dialogs = [];
    private readonly IStatePropertyAccessor<ReportDraft> _drafts;
    private readonly IStatePropertyAccessor<GuideState> _guide;
    private readonly TimeProvider _clock;
    private readonly OpenDrafts _openDrafts;
    private readonly DslTriage _triage;
    private readonly DslCommands _dslCommands;
    private readonly DslChannelRegistration _registration;

    public GuideBot(ContentLibrary content, ConversationState conversationState, ReportDialogFactory reportDialogs, OpenDrafts openDrafts, DslTriage triage, DslCommands dslCommands, DslChannelRegistration registration, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _content = content;
        _conversationState = conversationState;
        _reportDialogs = reportDialogs;
        _clock = clock;
        _openDrafts = openDrafts;
        _triage = triage;
        _dslCommands = dslCommands;
        _registration = registration;
        _drafts = conversationState.CreateProperty<ReportDraft>(StateNames.Draft);
        _guide = conversationState.CreateProperty<GuideState>(StateNames.Guide);
        _dialogState = conversationState.CreateProperty<DialogState>(StateNames.Dialogs);
    }

    /// <summary>The content this conversation uses: its draft's version while a report is open, else the live one.</summary>
    private async Task<ContentPack> ContentForAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var draft = await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken);
        return await _content.ForAsync(draft?.ContentVersion, cancellationToken);
    }

    private DialogSet DialogsFor(ContentPack pack) =>
        _dialogs.GetValue(pack, p => new DialogSet(_dialogState).Add(_reportDialogs.Create(p, _drafts)));

    protected override async Task OnMessageActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await HandleMessageAsync(turnContext, cancellationToken);
        await TrackOpenDraftAsync(turnContext, cancellationToken);
    }

    /// <summary>Keeps this conversation's open-draft item (for reminders) in step with its draft, to within <see cref="OpenDrafts.Precision"/>.</summary>
    private async Task TrackOpenDraftAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var guide = await _guide.GetAsync(turnContext, () => new GuideState(), cancellationToken);
        var draft = await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken);
        // Written when the draft starts and then only when it has moved on by the item's precision: most turns write
        // nothing but the conversation's own state.
        if (draft is not null && (guide!.TrackedAt is not { } tracked || draft.UpdatedAt - tracked >= OpenDrafts.Precision(TimeSpan.FromMinutes(_content.Live.Settings.ReminderMinutes))))
        {
            await _openDrafts.TrackAsync(turnContext.Activity.GetConversationReference(), draft.UpdatedAt, cancellationToken);
            guide.TrackedAt = draft.UpdatedAt;
        }
        else if (draft is null && guide!.TrackedAt is not null)
        {
            await _openDrafts.ForgetAsync(turnContext.Activity.Conversation!.Id!, cancellationToken);
            guide.TrackedAt = null;
        }
    }

    private async Task HandleMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var pack = await ContentForAsync(turnContext, cancellationToken);
        if (HasUserFile(activity))
        {
            // Nothing of the message is read further, kept or logged.
            await turnContext.SendActivityAsync(pack.Text(TextKeys.AttachmentRefused), cancellationToken);
            return;
        }

        if (activity.Conversation?.ConversationType == ConversationTypes.Channel
            && DslChannelRegistration.IsRegisterCommand(TextNormalizer.Normalize(activity.RemoveRecipientMention())))
        {
            await _registration.RegisterAsync(turnContext, cancellationToken);
            return;
        }

        if (activity.Conversation?.ConversationType == ConversationTypes.Channel
            && DslChannelRegistration.IsRegisterAllegationsCommand(TextNormalizer.Normalize(activity.RemoveRecipientMention())))
        {
            await _registration.RegisterAllegationsAsync(turnContext, cancellationToken);
            return;
        }

        if (activity.Conversation?.ConversationType == ConversationTypes.Channel && DslChannelRegistration.IsMoveAnswer(activity))
        {
            await _registration.AnswerMoveAsync(turnContext, cancellationToken);
            return;
        }

        if (_dslCommands.IsReportsChannel(activity) || DslCommands.IsReportCommand(activity))
        {
            // Anything about reports, from anywhere: DslCommands (through DslAccess) decides what may be seen.
            await _dslCommands.HandleAsync(turnContext, cancellationToken);
            return;
        }

        if (activity.Conversation?.ConversationType is { } type && type != ConversationTypes.Personal)
        {
            await turnContext.SendActivityAsync(pack.Text(TextKeys.ChannelPersonalOnly), cancellationToken);
            return;
        }

        var dc = await DialogsFor(pack).CreateContextAsync(turnContext, cancellationToken);
        var guide = (await _guide.GetAsync(turnContext, () => new GuideState(), cancellationToken))!;
        var submit = StaffSubmit.From(activity);

        if (guide.ConfirmingCancel && dc.ActiveDialog is not null)
        {
            await AnswerCancelQuestionAsync(pack, dc, guide, submit, cancellationToken);
            return;
        }

        guide.ConfirmingCancel = false;
        if (dc.ActiveDialog is not null)
        {
            var resume = submit?.Resume;
            if (IsTypedCommand(pack, activity, submit) || resume == "discard")
            {
                guide.ConfirmingCancel = true;
                await turnContext.SendCardAsync(StaffCards.CancelQuestion(pack), cancellationToken);
                return;
            }

            if (resume == "continue")
            {
                await dc.RepromptDialogAsync(cancellationToken);
                return;
            }

            if (submit?.Menu is not null || IsReturning(pack, activity, submit))
            {
                // Back after a break (or a restart), or a menu button from before: offer the open draft back.
                var draft = await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken);
                await turnContext.SendCardAsync(ResumeOffer(pack, draft?.UpdatedAt ?? _clock.GetUtcNow()), cancellationToken);
                return;
            }

            await dc.ContinueDialogAsync(cancellationToken);
            return;
        }

        switch (submit?.Menu)
        {
            case StaffCards.MenuReport:
                await StartReportAsync(turnContext, cancellationToken);
                return;
            case StaffCards.MenuQuick:
                await turnContext.SendCardAsync(StaffCards.QuickGuidance(pack), cancellationToken);
                return;
            case StaffCards.MenuContacts:
                await turnContext.SendCardAsync(StaffCards.Contacts(pack), cancellationToken);
                return;
        }

        if (submit is not null)
        {
            // A button from a report that has finished or was cancelled.
            await turnContext.SendActivityAsync(pack.Text(TextKeys.StaleClick), cancellationToken);
        }

        await turnContext.SendCardAsync(StaffCards.Menu(pack), cancellationToken);
    }

    /// <summary>
    /// The answer just given was not saved (storage failed), so nothing the bot had replied to it was sent: say so
    /// plainly and show again the step the stored state is on, so the user can give the answer again.
    /// </summary>
    public async Task OnTurnNotSavedAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        // Back to what is stored: this turn's changes were not kept.
        await _conversationState.LoadAsync(turnContext, force: true, cancellationToken);
        var pack = await ContentForAsync(turnContext, cancellationToken);
        var text = pack.Text(TextKeys.ErrorNotSaved);
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.Invoke)
        {
            await turnContext.SendActivityAsync(new Activity
            {
                Type = ActivityTypes.InvokeResponse,
                Value = new InvokeResponse { Status = 200, Body = AdaptiveCardInvokeResponse.Message(text) },
            }, cancellationToken);
            return;
        }

        if (activity.Type != ActivityTypes.Message)
        {
            return;
        }

        await turnContext.SendActivityAsync(text, cancellationToken);
        if (activity.Conversation?.ConversationType is { } type && type != ConversationTypes.Personal)
        {
            return;
        }

        var dc = await DialogsFor(pack).CreateContextAsync(turnContext, cancellationToken);
        if (dc.ActiveDialog is not null)
        {
            await dc.RepromptDialogAsync(cancellationToken);
        }
        else
        {
            await turnContext.SendCardAsync(StaffCards.Menu(pack), cancellationToken);
        }
    }

    /// <summary>A DSL's action on a report's summary card in the DSL channel.</summary>
    protected override Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken) =>
        _triage.HandleAsync(turnContext, invokeValue, cancellationToken);

    /// <summary>
    /// Installing the app in a personal chat sends an installationUpdate ("add") and a conversationUpdate whose
    /// membersAdded holds the bot (the Agents Playground and older Teams clients: the user too), in either order and
    /// not always both; each of them welcomes unless this conversation was welcomed since the app was last removed.
    /// A team or group chat gets no staff welcome: reports are made in a personal chat only.
    /// </summary>
    protected override Task OnInstallationUpdateAddAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turnContext, cancellationToken);

    protected override Task OnBotAddedAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turnContext, cancellationToken);

    protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, ITurnContext turnContext, CancellationToken cancellationToken) =>
        WelcomeOnceAsync(turnContext, cancellationToken);

    /// <summary>The app was removed from the personal chat: installing it again welcomes again.</summary>
    protected override async Task OnInstallationUpdateRemoveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType == ConversationTypes.Personal)
        {
            (await _guide.GetAsync(turnContext, () => new GuideState(), cancellationToken))!.Welcomed = false;
        }
    }

    private async Task WelcomeOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.Conversation?.ConversationType != ConversationTypes.Personal)
        {
            return;
        }

        var guide = (await _guide.GetAsync(turnContext, () => new GuideState(), cancellationToken))!;
        if (!guide.Welcomed)
        {
            guide.Welcomed = true;
            await turnContext.SendActivityAsync(_content.Live.Text(TextKeys.Welcome), cancellationToken);
        }
    }

    /// <summary>A new report starts on the live content and stays on that version until it is sent or cancelled.</summary>
    private async Task StartReportAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var pack = _content.Live;
        await _drafts.SetAsync(turnContext, new ReportDraft { ContentVersion = pack.Version, StartedAt = now, UpdatedAt = now }, cancellationToken);
        var dc = await DialogsFor(pack).CreateContextAsync(turnContext, cancellationToken);
        await dc.BeginDialogAsync(ReportDialog.DialogId, cancellationToken: cancellationToken);
    }

    private async Task AnswerCancelQuestionAsync(ContentPack pack, DialogContext dc, GuideState guide, StaffSubmit? submit, CancellationToken cancellationToken)
    {
        bool? discard = submit is not null
            ? submit.Cancel switch { "yes" => true, "no" => false, _ => null }
            : ConfirmRecognizer.Recognize(dc.Context.Activity.Text);
        if (discard is null)
        {
            await dc.Context.SendCardAsync(StaffCards.CancelQuestion(pack), cancellationToken);
            return;
        }

        guide.ConfirmingCancel = false;
        if (discard.Value)
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            await _drafts.DeleteAsync(dc.Context, cancellationToken);
            await dc.Context.SendActivityAsync(pack.Text(TextKeys.CancelDone), cancellationToken);
            return;
        }

        await dc.Context.SendActivityAsync(pack.Text(TextKeys.CancelKept), cancellationToken);
        await dc.RepromptDialogAsync(cancellationToken);
    }

    /// <summary>"You have a report you haven't sent yet … last changed {time}": carry on, or delete it (asks first).</summary>
    /// <summary>When this conversation's draft last changed; null when it has none.</summary>
    public async Task<DateTimeOffset?> DraftLastChangedAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        (await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken))?.UpdatedAt;

    /// <summary>
    /// Deletes this conversation's draft and where it was in the flow (retention: a draft abandoned too long), as
    /// "cancel" does; the draft's id, or null when there was none. Saved with the turn, before any reply goes out.
    /// </summary>
    public async Task<string?> DiscardDraftAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var draft = await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken);
        if (draft is null)
        {
            return null;
        }

        var dc = await DialogsFor(await _content.ForAsync(draft.ContentVersion, cancellationToken)).CreateContextAsync(turnContext, cancellationToken);
        await dc.CancelAllDialogsAsync(cancellationToken);
        await _drafts.DeleteAsync(turnContext, cancellationToken);
        var guide = (await _guide.GetAsync(turnContext, () => new GuideState(), cancellationToken))!;
        guide.ConfirmingCancel = false;
        guide.TrackedAt = null;
        return draft.Id;
    }

    public JsonObject ResumeOffer(ContentPack pack, DateTimeOffset lastChanged) => StaffCards.ResumeOffer(pack, lastChanged, _clock.GetUtcNow());

    private static bool IsTypedCommand(ContentPack pack, Activity activity, StaffSubmit? submit) =>
        submit is null && TypedWords.Of(pack).Commands.Recognize(activity.Text) != GlobalCommand.None;

    private static bool IsReturning(ContentPack pack, Activity activity, StaffSubmit? submit) =>
        submit is null && TypedWords.Of(pack).Returning.Matches(activity.Text);

    /// <summary>
    /// True when the user sent an image or a file. Teams also puts a text/html copy of ordinary messages in the
    /// attachments; that one counts only if it carries an inline image.
    /// </summary>
    public static bool HasUserFile(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Attachments?.Any(a =>
            !string.Equals(a.ContentType, "text/html", StringComparison.OrdinalIgnoreCase)
            || (a.Content?.ToString() ?? string.Empty).Contains("<img", StringComparison.OrdinalIgnoreCase)) == true;
    }

    /// <summary>What the bot remembers of a conversation besides the dialog stack and the draft.</summary>
    public sealed class GuideState
    {
        public bool ConfirmingCancel { get; set; }

        /// <summary>The welcome was sent since the app was last installed in this personal chat.</summary>
        public bool Welcomed { get; set; }

        /// <summary>The draft time last written to <see cref="OpenDrafts"/>.</summary>
        public DateTimeOffset? TrackedAt { get; set; }
    }

    /// <summary>Names of the conversation-state properties.</summary>
    public static class StateNames
    {
        public const string Draft = "ReportDraft";
        public const string Dialogs = "DialogState";
        public const string Guide = "Guide";
    }
}
