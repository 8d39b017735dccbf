namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>What a dialog operation left behind: the stack's status and, when a dialog completed, its result.</summary>
public sealed class DialogTurnResult
{
    public DialogTurnResult(DialogTurnStatus status, object? result = null)
    {
        Status = status;
        Result = result;
    }

    public DialogTurnStatus Status { get; }

    /// <summary>The value the dialog returned (a live object, only for the current turn).</summary>
    public object? Result { get; }
}
