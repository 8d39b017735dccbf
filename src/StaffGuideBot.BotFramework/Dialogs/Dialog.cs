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
