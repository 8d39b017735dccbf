namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>A command the user can type at any point in a conversation.</summary>
public enum GlobalCommand
{
    /// <summary>Not a command.</summary>
    None,

    /// <summary>"cancel", "stop", "quit"…: abandon what is under way.</summary>
    Cancel,

    /// <summary>"start again", "start over", "restart"…: abandon what is under way and begin afresh.</summary>
    StartAgain,
}
