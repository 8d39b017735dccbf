namespace StaffGuideBot.Guidance.Content;

/// <summary>The keys of texts.yaml the code uses. A pack must define every one (the loader checks).</summary>
public static class TextKeys
{
    // The menu offered on a first message or a trigger phrase.
    public const string MenuTitle = "menu.title";
    public const string MenuText = "menu.text";
    public const string MenuReport = "menu.report";
    public const string MenuQuick = "menu.quick";
    public const string MenuContacts = "menu.contacts";

    /// <summary>Sent when the bot is added to someone's personal chat.</summary>
    public const string Welcome = "welcome";

    // "What to do right now" without starting a report.
    public const string QuickTitle = "quick.title";
    public const string QuickText = "quick.text";
    public const string QuickStartReport = "quick.startReport";

    // "Contact the DSL now".
    public const string ContactsTitle = "contacts.title";
    public const string ContactsText = "contacts.text";

    /// <summary>
    /// Shown instead of a contact's details while they are still the pack's samples (on cards and wherever a text
    /// uses {contact.&lt;id&gt;.phone}); {name} is the contact's role, e.g. Designated Safeguarding Lead.
    /// </summary>
    public const string ContactNotAdded = "contacts.notAdded";

    /// <summary>Said when someone sends an image or file: not kept, please delete it.</summary>
    public const string AttachmentRefused = "attachment.refused";

    /// <summary>A button from an earlier card was pressed.</summary>
    public const string StaleClick = "stale.click";

    /// <summary>Required fields left empty; {fields} lists them.</summary>
    public const string RequiredMissing = "required.missing";

    /// <summary>A typed answer that could not be understood; {question} repeats the question.</summary>
    public const string NotUnderstood = "answer.notUnderstood";

    // Cancelling a draft: always confirmed.
    public const string CancelConfirm = "cancel.confirm";
    public const string CancelYes = "cancel.yes";
    public const string CancelNo = "cancel.no";
    public const string CancelDone = "cancel.done";
    public const string CancelKept = "cancel.kept";

    // An unfinished draft offered back; {time} is when it was last changed.
    public const string ResumeOffer = "resume.offer";
    public const string ResumeContinue = "resume.continue";
    public const string ResumeDiscard = "resume.discard";

    /// <summary>The proactive reminder about an unfinished draft.</summary>
    public const string Reminder = "reminder";

    // Review before sending.
    public const string ReviewTitle = "review.title";
    public const string ReviewIntro = "review.intro";
    public const string ReviewFlagsIntro = "review.flagsIntro";
    public const string ReviewNoFlags = "review.noFlags";

    /// <summary>Heads the review's block of aggravating factors, apart from the urgent five points (review.flagsIntro).</summary>
    public const string ReviewAlsoFlagged = "review.alsoFlagged";
    public const string ReviewEdit = "review.edit";

    /// <summary>The Edit button's tooltip; {question} is the section's title (or its one question).</summary>
    public const string ReviewEditTooltip = "review.editTooltip";
    public const string ReviewSend = "review.send";

    // After sending; {reference} is the report's reference.
    public const string ReceiptTitle = "receipt.title";
    public const string ReceiptText = "receipt.text";
    public const string ReceiptNext = "receipt.next";
    public const string ReceiptSelfCare = "receipt.selfCare";

    /// <summary>Heads the receipt's list of the five points raised (certain or possible), as on the review.</summary>
    public const string ReceiptUrgent = "receipt.urgent";

    // Repeat steps: after each item.
    public const string RepeatYes = "repeat.yes";
    public const string RepeatNo = "repeat.no";

    // Repeat steps: the list of items entered so far (when the section is edited from the review).
    public const string RepeatListIntro = "repeat.listIntro";
    public const string RepeatChange = "repeat.change";
    public const string RepeatRemove = "repeat.remove";

    /// <summary>The button that adds an item; {item} is the step's itemName in lower case.</summary>
    public const string RepeatAdd = "repeat.add";
    public const string RepeatDone = "repeat.done";

    /// <summary>Remove was pressed on the only item of a repeat step, which needs at least one.</summary>
    public const string RepeatKeepOne = "repeat.keepOne";

    /// <summary>A typed reply to a form: what was understood; {answers} lists them.</summary>
    public const string TypedNoted = "typed.noted";

    /// <summary>A typed reply to a form that answers none of its questions clearly (it is not kept).</summary>
    public const string TypedUnclear = "typed.unclear";

    // Yes/no/unsure answers as shown on cards.
    public const string AnswerYes = "answer.yes";
    public const string AnswerNo = "answer.no";
    public const string AnswerUnsure = "answer.unsure";

    /// <summary>The button of a step that names none (info: continue; form: submit).</summary>
    public const string ContinueButton = "button.continue";

    /// <summary>A repeat item's heading on the review: {item} (the step's itemName) and {number}.</summary>
    public const string ReviewItem = "review.item";

    // When a draft was last changed, in the resume offer's {time}: {clock} is HH:mm, {day} e.g. "Friday 20 November".
    public const string TimeToday = "time.today";
    public const string TimeYesterday = "time.yesterday";
    public const string TimeEarlier = "time.earlier";

    // Triage in the DSL channel.
    public const string DslUnknownReport = "dsl.unknownReport";
    public const string DslNotAllowed = "dsl.notAllowed";
    public const string DslUnknownAction = "dsl.unknownAction";
    public const string DslNoteEmpty = "dsl.noteEmpty";
    public const string DslDecisionMissing = "dsl.decisionMissing";
    public const string DslManageInSchoolNeeds = "dsl.manageInSchoolNeeds";

    /// <summary>A report action or command from outside the DSL channel: the same answer whether the report exists or not.</summary>
    public const string DslNotHere = "dsl.notHere";

    /// <summary>Something only people on the DSL roster may do (not about a report, so nothing is noted in a history).</summary>
    public const string DslRosterOnly = "dsl.rosterOnly";

    // Commands in the DSL channel.
    public const string DslOpenReportsTitle = "dsl.openReports.title";
    public const string DslOpenReportsNone = "dsl.openReports.none";
    public const string DslOpenReportsShow = "dsl.openReports.show";

    // "register this channel".
    public const string DslRegistered = "dsl.registered";
    public const string DslRegisterConfigured = "dsl.registerConfigured";
    public const string DslRegisterNotAChannel = "dsl.registerNotAChannel";
    public const string DslRegisterAlready = "dsl.registerAlready";

    // Moving a DSL channel registered by command to another channel: confirmed in the new channel, announced in the old
    // one ({name} is who moved it).
    public const string DslMoveConfirm = "dsl.move.confirm";
    public const string DslMoveYes = "dsl.move.yes";
    public const string DslMoveNo = "dsl.move.no";
    public const string DslMoveCancelled = "dsl.move.cancelled";
    public const string DslMoveStale = "dsl.move.stale";
    public const string DslMoveAnnounce = "dsl.move.announce";

    /// <summary>What the bot understands in the DSL channel.</summary>
    public const string DslHelp = "dsl.help";

    /// <summary>To the reporter when a DSL picks the report up: {name}, {reference}.</summary>
    public const string DslReporterAcknowledged = "dsl.reporterAcknowledged";

    /// <summary>Shown on a "More" button of info steps.</summary>
    public const string More = "more";

    /// <summary>A turn failed; {reference} lets IT find the log entry.</summary>
    public const string TurnFailed = "error.turn";

    /// <summary>A turn's changes could not be saved, so its replies were not sent; the same step is shown again after it.</summary>
    public const string NotSaved = "error.notSaved";

    /// <summary>Someone wrote to the bot outside a personal chat.</summary>
    public const string PersonalChatOnly = "channel.personalOnly";

    // The DSL summary card (Dsl/SummaryCard.cs), posted in the DSL channel. {reference} is the report's reference;
    // {name} is a person's name from Teams; {time} is when, worded by time.today / time.yesterday / time.earlier;
    // {decision} is one of the dsl.decision.* kinds below; {number} is a count.

    /// <summary>The card's heading; {reference}.</summary>
    public const string DslTitle = "dsl.title";

    /// <summary>Heads the red block listing which of the five points for immediate referral apply.</summary>
    public const string DslFivePoints = "dsl.fivePoints";

    /// <summary>In the red block when the case is urgent but none of the five points applies.</summary>
    public const string DslUrgentNoPoints = "dsl.urgentNoPoints";

    /// <summary>The title of a point (or factor) raised only as possible, e.g. by a "not sure" answer; {item} is its title.</summary>
    public const string DslPossible = "dsl.possible";

    /// <summary>Heads the block listing the aggravating factors that apply.</summary>
    public const string DslAggravating = "dsl.aggravating";

    /// <summary>Shown instead of both blocks when nothing is flagged.</summary>
    public const string DslNoFlags = "dsl.noFlags";

    // The one-line status: waiting, acknowledged ({name}, {time}), decision ({decision}, {name}, {time}), closed ({name}, {time}).
    public const string DslStatusAwaiting = "dsl.status.awaiting";
    public const string DslStatusAcknowledged = "dsl.status.acknowledged";
    public const string DslStatusDecision = "dsl.status.decision";
    public const string DslStatusClosed = "dsl.status.closed";

    // Filled in for {name} or {time} when the case does not record them.
    public const string DslUnknownName = "dsl.unknownName";
    public const string DslUnknownTime = "dsl.unknownTime";

    // Labels of the report's details, each followed by its value.
    public const string DslReference = "dsl.reference";
    public const string DslReporter = "dsl.reporter";
    public const string DslSent = "dsl.sent";
    public const string DslVersion = "dsl.version";

    // The decision: its label on the card and in the form, and the labels of its parts.
    public const string DslDecision = "dsl.decision";
    public const string DslDecisionNote = "dsl.decision.note";
    public const string DslDecisionReasons = "dsl.decision.reasons";
    public const string DslDecisionSignOff = "dsl.decision.signOff";

    /// <summary>Shown when the decision form is sent without a decision chosen.</summary>
    public const string DslDecisionRequired = "dsl.decision.required";

    // The five decision kinds (Dsl/ReportCase.cs, DecisionKind).
    public const string DslDecisionReferToPolice = "dsl.decision.referToPolice";
    public const string DslDecisionReferToSocialCare = "dsl.decision.referToSocialCare";
    public const string DslDecisionManageInSchool = "dsl.decision.manageInSchool";
    public const string DslDecisionMoreInformationNeeded = "dsl.decision.moreInformationNeeded";
    public const string DslDecisionAdviceSought = "dsl.decision.adviceSought";

    /// <summary>Heads the case's history.</summary>
    public const string DslHistory = "dsl.history";

    /// <summary>The button that shows older history events; {number} of them.</summary>
    public const string DslHistoryEarlier = "dsl.history.earlier";

    // One line per history event, with {time} and, where someone acted, {name}.
    public const string DslHistoryCreated = "dsl.history.created";
    public const string DslHistoryDelivered = "dsl.history.delivered";
    public const string DslHistoryDeliveryFailed = "dsl.history.deliveryFailed";
    public const string DslHistoryAcknowledged = "dsl.history.acknowledged";
    public const string DslHistoryDecision = "dsl.history.decision";
    public const string DslHistoryNote = "dsl.history.note";
    public const string DslHistoryReminder = "dsl.history.reminder";
    public const string DslHistoryClosed = "dsl.history.closed";
    public const string DslHistoryDenied = "dsl.history.denied";

    // The card's buttons.
    public const string DslAcknowledge = "dsl.action.acknowledge";
    public const string DslRecordDecision = "dsl.action.decision";
    public const string DslChangeDecision = "dsl.action.changeDecision";
    public const string DslSaveDecision = "dsl.action.saveDecision";
    public const string DslAddNote = "dsl.action.note";
    public const string DslSaveNote = "dsl.action.saveNote";
    public const string DslClose = "dsl.action.close";

    // The note form: the box's label and what is shown when it is sent empty.
    public const string DslNote = "dsl.note";
    public const string DslNoteRequired = "dsl.note.required";
    // Delivery to the DSL channel; {reference} is the report's reference.
    /// <summary>The DSL channel thread's root until the summary card replaces it (no report content).</summary>
    public const string DeliveryPlaceholder = "delivery.placeholder";



    /// <summary>To the reporter: the report is now in the DSL channel.</summary>
    public const string DeliverySent = "delivery.sent";

    /// <summary>To the reporter, once: the report has not reached the DSL yet, phone them now.</summary>
    /// <summary>To each DSL in a 1:1 chat when the app is not in the DSL channel: {reference}, {name} (the reporter).</summary>
    public const string DeliveryNotInChannel = "delivery.notInChannel";

    public const string DeliveryLate = "delivery.late";

    /// <summary>
    /// In the DSL channel, a reply in a report's thread when nobody has acknowledged it in time; {reference}, and
    /// {number} the minutes since it was posted. The bot puts the deputies' @mentions in front of it.
    /// </summary>
    public const string DslReminder = "dsl.reminder";

    /// <summary>The name a deputy is @mentioned by in a reminder when Teams cannot say who they are.</summary>
    public const string DslReminderDeputy = "dsl.reminder.deputy";

    /// <summary>
    /// To each content admin in a 1:1 chat when a change to the content is refused: {number} problems, {version} the
    /// version that stays live, {problems} the list (file:line:column: message).
    /// </summary>
    public const string ContentRefused = "content.refused";

    /// <summary>"content status" in the DSL channel: {name} the pack, {version}, {time} it went live.</summary>
    public const string ContentStatus = "content.status";

    /// <summary>Follows content.status when the files on disk are what is live.</summary>
    public const string ContentStatusClean = "content.status.clean";

    /// <summary>Follows content.status when a newer change was refused: {number}, {time} it was seen, {problems}.</summary>
    public const string ContentStatusPending = "content.status.pending";

    /// <summary>"content status" asked by someone who isn't a content admin.</summary>
    public const string ContentNotAllowed = "content.notAllowed";

    /// <summary>
    /// Every key above. The list of keys a pack must have is texts.schema.json's; the tests check that these
    /// constants are exactly its keys.
    /// </summary>
    public static IReadOnlyList<string> All { get; } = typeof(TextKeys)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
