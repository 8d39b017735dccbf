using System.Runtime.CompilerServices;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// The words staff may type instead of pressing a button, from the pack (<see cref="PackWords"/>), ready to match;
/// built once per pack version. Typed text and the words are compared after <see cref="TextNormalizer.Normalize"/>,
/// so case, apostrophes, punctuation and spacing do not matter. (Yes and no, numbers, dates and choices are read by
/// the recognizers.)
/// </summary>
public sealed class TypedWords
{
    private static readonly ConditionalWeakTable<ContentPack, TypedWords> ByPack = [];

    private TypedWords(PackWords words)
    {
        Commands = new GlobalCommandRecognizer(words.Cancel, words.StartAgain, words.Polite);
        Returning = new WordList([.. words.Menu]);
        Continue = new WordList([.. words.Continue]);
        Skip = new WordList([.. words.Skip]);
        Send = new WordList([.. words.Send]);
        Unsure = new WordList([.. words.Unsure]);
    }

    /// <summary>The words of <paramref name="pack"/>.</summary>
    public static TypedWords Of(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return ByPack.GetValue(pack, p => new TypedWords(p.Words));
    }

    /// <summary>"cancel", "stop", "start again"… typed at any point while a report is under way.</summary>
    public GlobalCommandRecognizer Commands { get; }

    /// <summary>Messages that mean "I'm back" rather than an answer, so an open draft is offered back.</summary>
    public WordList Returning { get; }

    /// <summary>Go on from an information or acknowledgement step, a finished form or a repeat step's list.</summary>
    public WordList Continue { get; }

    /// <summary>Leave an optional field empty, or finish a form whose required fields are filled.</summary>
    public WordList Skip { get; }

    /// <summary>Send the report from the review.</summary>
    public WordList Send { get; }

    /// <summary>"Not sure" to a yes/no question that allows it; the reply may go on after these words.</summary>
    public WordList Unsure { get; }
}
