namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>The state of the dialog stack after a dialog operation.</summary>
public enum DialogTurnStatus
{
    /// <summary>The stack was empty: no dialog was active.</summary>
    Empty,

    /// <summary>The active dialog is waiting for the user.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; <see cref="DialogTurnResult.Result"/> holds what it returned.</summary>
    Complete,

    /// <summary>The dialogs on the stack were cancelled.</summary>
    Cancelled,
}
