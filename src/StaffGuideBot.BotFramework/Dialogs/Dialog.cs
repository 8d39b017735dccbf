using StaffGuideBot.BotFramework.Builder;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// A unit of conversation that can span turns. A dialog object holds no per-conversation data: everything it
/// needs between turns lives in its <see cref="DialogInstance.State"/>, which is saved with the dialog stack.
/// One dialog object therefore serves every conversation at once.
/// </summary>
public abstract class Dialog
{
    protected Dialog(string dialogId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        Id = dialogId;
    }

    /// <summary>A result meaning "the dialog is waiting for the user's next message".</summary>
    public static DialogTurnResult EndOfTurn { get; } = new(DialogTurnStatus.Waiting);

    /// <summary>The id the dialog is registered under in a <see cref="DialogSet"/>, and saved under on the stack.</summary>
    public string Id { get; }

    /// <summary>Starts the dialog; its instance is already on top of <paramref name="dc"/>'s stack.</summary>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default);

    /// <summary>The user sent something while this dialog was active. The default ends the dialog.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>
    /// A dialog this one started has ended with <paramref name="result"/>, making this dialog active again.
    /// The default ends this dialog too, passing the result on to its parent.
    /// </summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>Asks the user again for whatever the dialog is waiting for. The default does nothing.</summary>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    /// <summary>The dialog's instance is being removed from the stack (ended, replaced or cancelled). The default does nothing.</summary>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}

/// <summary>Why a dialog method is being called.</summary>
public enum DialogReason
{
    /// <summary>The dialog was started with <see cref="DialogContext.BeginDialogAsync"/>.</summary>
    BeginCalled,

    /// <summary>The dialog is being continued with <see cref="DialogContext.ContinueDialogAsync"/>.</summary>
    ContinueCalled,

    /// <summary>The dialog ended normally (or a child of it ended).</summary>
    EndCalled,

    /// <summary>The dialog is being replaced with <see cref="DialogContext.ReplaceDialogAsync"/>.</summary>
    ReplaceCalled,

    /// <summary>The dialog is being cancelled with <see cref="DialogContext.CancelAllDialogsAsync(CancellationToken)"/>.</summary>
    CancelCalled,

    /// <summary>A waterfall step moved on with <see cref="WaterfallStepContext.NextAsync"/>.</summary>
    NextCalled,
}

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
