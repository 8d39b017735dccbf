using System.Runtime.CompilerServices;
using System.Text.Json;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// A dialog made of other dialogs: it has its own <see cref="DialogSet"/> and its own inner stack, saved inside its
/// instance state on the outer stack. It starts <see cref="InitialDialogId"/> and ends, handing its parent the
/// inner dialog's result, when the inner stack completes.
/// </summary>
public class ComponentDialog : Dialog
{
    internal const string InnerStackKey = "dialogs";

    // The inner stack being worked on in this turn, per instance. An instance is read afresh from storage every turn,
    // so entries live only as long as the turn; they make nested calls in one turn (an inner dialog cancelling its
    // parents, which ends this component) see the inner stack as it is now rather than as it was last saved.
    private static readonly ConditionalWeakTable<DialogInstance, DialogState> LiveInnerStates = new();

    public ComponentDialog(string dialogId)
        : base(dialogId)
    {
    }

    /// <summary>The dialog started when the component begins; defaults to the first dialog added.</summary>
    public string? InitialDialogId { get; set; }

    /// <summary>The component's own dialogs.</summary>
    public DialogSet Dialogs { get; } = new();

    /// <summary>Adds a dialog to the component (the first one added becomes <see cref="InitialDialogId"/> unless set).</summary>
    public ComponentDialog AddDialog(Dialog dialog)
    {
        Dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    /// <summary>The inner dialog with <paramref name="dialogId"/>, or null.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = RequireActiveInstance(dc);
        var innerState = new DialogState();
        LiveInnerStates.AddOrUpdate(instance, innerState);
        var innerDc = new DialogContext(Dialogs, dc.Context, innerState, dc);
        var turnResult = await OnBeginDialogAsync(innerDc, options, cancellationToken).ConfigureAwait(false);
        SaveInnerState(instance, innerState);
        return await CompleteInnerTurnAsync(dc, instance, turnResult, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = RequireActiveInstance(dc);
        var innerState = LoadInnerState(instance);
        var innerDc = new DialogContext(Dialogs, dc.Context, innerState, dc);
        var turnResult = await OnContinueDialogAsync(innerDc, cancellationToken).ConfigureAwait(false);
        SaveInnerState(instance, innerState);
        return await CompleteInnerTurnAsync(dc, instance, turnResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A dialog pushed on top of the component (an interruption) ended. The component's inner dialogs are still where
    /// they were, so the inner active dialog is asked to repeat its question and the component keeps waiting.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, RequireActiveInstance(dc), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        var innerState = LoadInnerState(instance);
        var innerDc = new DialogContext(Dialogs, turnContext, innerState);
        await innerDc.RepromptDialogAsync(cancellationToken).ConfigureAwait(false);
        SaveInnerState(instance, innerState);
    }

    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled)
        {
            var innerState = LoadInnerState(instance);
            var innerDc = new DialogContext(Dialogs, turnContext, innerState);
            await innerDc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
            SaveInnerState(instance, innerState);
        }

        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the inner dialogs; the default begins <see cref="InitialDialogId"/> with the component's options.</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var initial = InitialDialogId ?? throw new InvalidOperationException($"Component dialog '{Id}' has no dialogs and no InitialDialogId.");
        return innerDc.BeginDialogAsync(initial, options, cancellationToken);
    }

    /// <summary>Continues the inner dialogs; the default continues the inner active dialog.</summary>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>Called when the component is removed from the stack (after its inner dialogs were cancelled, if it was cancelled).</summary>
    protected virtual Task OnEndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Ends the component, handing <paramref name="result"/> to its parent.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private async Task<DialogTurnResult> CompleteInnerTurnAsync(DialogContext outerDc, DialogInstance instance, DialogTurnResult innerResult, CancellationToken cancellationToken)
    {
        if (innerResult.Status == DialogTurnStatus.Waiting)
        {
            return EndOfTurn;
        }

        // An inner dialog may have reached out and changed the outer stack (e.g. cancelled it with cancelParents);
        // then this component is no longer on top and must not end whatever is.
        if (!ReferenceEquals(outerDc.ActiveDialog, instance))
        {
            return innerResult;
        }

        return await EndComponentAsync(outerDc, innerResult.Result, cancellationToken).ConfigureAwait(false);
    }

    private static DialogState LoadInnerState(DialogInstance instance)
    {
        if (LiveInnerStates.TryGetValue(instance, out var live))
        {
            return live;
        }

        var innerState = instance.State[InnerStackKey]?.Deserialize<DialogState>(BotJson.Options) ?? new DialogState();
        LiveInnerStates.AddOrUpdate(instance, innerState);
        return innerState;
    }

    private static void SaveInnerState(DialogInstance instance, DialogState innerState) =>
        instance.State[InnerStackKey] = JsonSerializer.SerializeToNode(innerState, BotJson.Options);

    private DialogInstance RequireActiveInstance(DialogContext dc) =>
        dc.ActiveDialog is { } instance && instance.Id == Id
            ? instance
            : throw new InvalidOperationException($"Component '{Id}' was called while it was not the active dialog.");
}
