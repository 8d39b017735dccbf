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
    public const string ReviewEdit = "review.edit";
    public const string ReviewSend = "review.send";

    // After sending; {reference} is the report's reference.
    public const string ReceiptTitle = "receipt.title";
    public const string ReceiptText = "receipt.text";
    public const string ReceiptNext = "receipt.next";
    public const string ReceiptSelfCare = "receipt.selfCare";

    // Repeat steps: after each item.
    public const string RepeatYes = "repeat.yes";
    public const string RepeatNo = "repeat.no";

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

    /// <summary>Shown on a "More" button of info steps.</summary>
    public const string More = "more";

    /// <summary>A turn failed; {reference} lets IT find the log entry.</summary>
    public const string TurnFailed = "error.turn";

    /// <summary>Someone wrote to the bot outside a personal chat.</summary>
    public const string PersonalChatOnly = "channel.personalOnly";

    // Delivery to the DSL channel; {reference} is the report's reference.
    /// <summary>The DSL channel thread's root until the summary card replaces it (no report content).</summary>
    public const string DeliveryPlaceholder = "delivery.placeholder";

    /// <summary>The stand-in summary card's heading.</summary>
    public const string DeliveryCardTitle = "delivery.cardTitle";

    /// <summary>The stand-in summary card's line before the flags.</summary>
    public const string DeliveryCardFlags = "delivery.cardFlags";

    /// <summary>To the reporter: the report is now in the DSL channel.</summary>
    public const string DeliverySent = "delivery.sent";

    /// <summary>To the reporter, once: the report has not reached the DSL yet, phone them now.</summary>
    public const string DeliveryLate = "delivery.late";

    /// <summary>Every key above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(TextKeys)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();
}
