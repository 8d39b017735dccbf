namespace StaffGuideBot.BotFramework.Dialogs;

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
