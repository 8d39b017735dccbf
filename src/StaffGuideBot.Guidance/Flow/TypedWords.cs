using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// The English words staff may type instead of pressing a button, in one place (the protocol layer holds none).
/// Typed text and these words are compared after <see cref="TextNormalizer.Normalize"/>, so case, apostrophes,
/// punctuation and spacing do not matter. (Yes and no, numbers, dates and choices are read by the recognizers.)
/// </summary>
public static class TypedWords
{
    /// <summary>"cancel", "stop", "start again"… typed at any point while a report is under way.</summary>
    public static GlobalCommandRecognizer Commands { get; } = new(
        cancel: ["cancel", "cancel that", "cancel this", "cancel it", "stop", "stop that", "quit", "exit"],
        startAgain: ["start again", "start over", "start over again", "start from the beginning", "begin again", "restart"],
        polite: ["please"]);

    /// <summary>Messages that mean "I'm back" rather than an answer, so an open draft is offered back.</summary>
    public static WordList Returning { get; } = new("hi", "hello", "hey", "hiya", "good morning", "good afternoon", "menu", "start", "help", "i've heard something", "i have heard something");

    /// <summary>Go on from an information or acknowledgement step, a finished form or a repeat step's list.</summary>
    public static WordList Continue { get; } = new("continue", "next", "ok", "okay", "done", "go on", "carry on", "i understand", "understood", "agreed", "i agree");

    /// <summary>Leave an optional field empty, or finish a form whose required fields are filled.</summary>
    public static WordList Skip { get; } = new("skip", "none", "n/a", "na", "nothing", "no more", "not known", "don't know", "dont know");

    /// <summary>Send the report from the review.</summary>
    public static WordList Send { get; } = new("send", "send it", "send to dsl", "send now", "submit");

    /// <summary>"Not sure" to a yes/no question that allows it; the reply may go on after these words.</summary>
    public static WordList Unsure { get; } = new("unsure", "not sure", "don't know", "dont know", "do not know", "no idea", "maybe", "not known", "unknown");
}
