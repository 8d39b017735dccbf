using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// The English words staff may type instead of pressing a button, in one place (the protocol layer holds none).
/// Typed text and these words are compared after <see cref="TextNormalizer.Normalize"/>, so case, apostrophes,
/// punctuation and spacing do not matter.
/// </summary>
public static class TypedWords
{
    /// <summary>"cancel", "stop", "start again"… typed at any point while a report is under way.</summary>
    public static GlobalCommandRecognizer Commands { get; } = new(
        cancel: ["cancel", "cancel that", "cancel this", "cancel it", "stop", "stop that", "quit", "exit"],
        startAgain: ["start again", "start over", "start over again", "start from the beginning", "begin again", "restart"],
        polite: ["please"]);
}
