namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>A command the user can type at any point in a conversation (see <see cref="Recognizers.GlobalCommandRecognizer"/>).</summary>
public enum GlobalCommand
{
    /// <summary>Not a command.</summary>
    None,

    /// <summary>Abandon what is under way.</summary>
    Cancel,

    /// <summary>Abandon what is under way and begin afresh.</summary>
    StartAgain,
}
