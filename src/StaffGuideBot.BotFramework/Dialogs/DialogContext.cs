using StaffGuideBot.BotFramework.Builder;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// One dialog stack during one turn: starts, continues, ends and cancels the dialogs on it.
/// Dialog ids are looked up in <see cref="Dialogs"/> first and then in the parents' sets.
/// </summary>
public class DialogContext
{
    private readonly DialogState _state;

    public DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(state);
        Dialogs = dialogs;
        Context = turnContext;
        _state = state;
        Parent = parent;

        // A stack read from storage may hold nulls if it was edited by hand; they cannot be resumed.
        _state.DialogStack.RemoveAll(static instance => instance is null);
    }

    /// <summary>A context over the same stack as <paramref name="source"/> (used by step contexts).</summary>
    protected DialogContext(DialogContext source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Dialogs = source.Dialogs;
        Context = source.Context;
        _state = source._state;
        Parent = source.Parent;
    }

    /// <summary>The dialogs this stack can start (its parents' dialogs can be started too).</summary>
    public DialogSet Dialogs { get; }

    /// <summary>The current turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>The context of the stack this one is nested in (a component's outer stack), or null at the root.</summary>
    public DialogContext? Parent { get; }

    /// <summary>The stack, active dialog first.</summary>
    public List<DialogInstance> Stack => _state.DialogStack;

    /// <summary>The dialog on top of the stack, or null when the stack is empty.</summary>
    public DialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[0] : null;

    /// <summary>The dialog with <paramref name="dialogId"/> in this set or, failing that, the nearest parent's set.</summary>
    public Dialog? FindDialog(string dialogId)
    {
        ArgumentNullException.ThrowIfNull(dialogId);
        return Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);
    }

    /// <summary>Pushes the dialog <paramref name="dialogId"/> onto the stack and starts it.</summary>
    /// <exception cref="DialogNotFoundException">No reachable set has that dialog.</exception>
    public async Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        var dialog = FindDialog(dialogId) ?? throw DialogNotFoundException.For(dialogId);
        Stack.Insert(0, new DialogInstance(dialogId));
        return await dialog.BeginDialogAsync(this, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Passes the turn to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    /// <exception cref="DialogNotFoundException">The active dialog's id (from the saved stack) is not registered.</exception>
    public async Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } instance)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        var dialog = FindDialog(instance.Id) ?? throw DialogNotFoundException.For(instance.Id);
        return await dialog.ContinueDialogAsync(this, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the active dialog with <paramref name="result"/>. The dialog below it (if any) resumes with that result;
    /// otherwise the stack is empty and the status is <see cref="DialogTurnStatus.Complete"/>.
    /// </summary>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not null)
        {
            await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken).ConfigureAwait(false);
        }

        if (ActiveDialog is { } parentInstance)
        {
            var parentDialog = FindDialog(parentInstance.Id) ?? throw DialogNotFoundException.For(parentInstance.Id);
            return await parentDialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken).ConfigureAwait(false);
        }

        return new DialogTurnResult(DialogTurnStatus.Complete, result);
    }

    /// <summary>Ends the active dialog without resuming the one below it, and starts <paramref name="dialogId"/> in its place.</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialogId);
        _ = FindDialog(dialogId) ?? throw DialogNotFoundException.For(dialogId);
        if (ActiveDialog is not null)
        {
            await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        }

        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels every dialog on this stack (each is told with <see cref="DialogReason.CancelCalled"/>).
    /// <see cref="DialogTurnStatus.Cancelled"/> when there was something to cancel, otherwise <see cref="DialogTurnStatus.Empty"/>.
    /// </summary>
    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default) =>
        CancelAllDialogsAsync(cancelParents: false, cancellationToken);

    /// <summary>
    /// Cancels every dialog on this stack and, with <paramref name="cancelParents"/>, on every stack this one is nested in
    /// (so a step inside a component can throw the whole conversation away).
    /// </summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(bool cancelParents, CancellationToken cancellationToken)
    {
        var cancelled = Stack.Count > 0;
        while (Stack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        }

        if (cancelParents && Parent is not null)
        {
            var parentResult = await Parent.CancelAllDialogsAsync(cancelParents: true, cancellationToken).ConfigureAwait(false);
            cancelled |= parentResult.Status == DialogTurnStatus.Cancelled;
        }

        return new DialogTurnResult(cancelled ? DialogTurnStatus.Cancelled : DialogTurnStatus.Empty);
    }

    /// <summary>Asks the active dialog to repeat its question (after an interruption, say). Does nothing on an empty stack.</summary>
    public async Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        if (ActiveDialog is not { } instance)
        {
            return;
        }

        var dialog = FindDialog(instance.Id) ?? throw DialogNotFoundException.For(instance.Id);
        await dialog.RepromptDialogAsync(Context, instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pops the active dialog, letting it clean up first. An unknown dialog is still popped, so a broken stack can be cleared.</summary>
    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var instance = Stack[0];
        if (FindDialog(instance.Id) is { } dialog)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken).ConfigureAwait(false);
        }

        // The dialog may have changed the stack while cleaning up; remove this instance wherever it now is.
        Stack.Remove(instance);
    }
}
