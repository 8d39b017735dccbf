using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Dialogs;

public static class DialogExtensions
{
    /// <summary>
    /// Runs <paramref name="dialog"/> for this turn: continues the active dialog, or begins <paramref name="dialog"/>
    /// when none is active. The stack lives in <paramref name="accessor"/>; the caller saves the state afterwards.
    /// <para>
    /// Typed global commands are handled first (see <see cref="DialogRunOptions"/>): by default "cancel" cancels
    /// every dialog (status <see cref="DialogTurnStatus.Cancelled"/>) and "start again" cancels and begins
    /// <paramref name="dialog"/> afresh. Card submissions are never commands.
    /// </para>
    /// Only <paramref name="dialog"/> (and <see cref="DialogRunOptions.AdditionalDialogs"/>) are registered at the root,
    /// so the dialog is normally a <see cref="ComponentDialog"/> that holds its own prompts.
    /// </summary>
    public static async Task<DialogTurnResult> RunAsync(
        this Dialog dialog,
        ITurnContext turnContext,
        IStatePropertyAccessor<DialogState> accessor,
        DialogRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(accessor);
        options ??= new DialogRunOptions();

        var dialogSet = new DialogSet(accessor).Add(dialog);
        foreach (var additional in options.AdditionalDialogs)
        {
            dialogSet.Add(additional);
        }

        var dc = await dialogSet.CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);

        var command = RecognizeCommand(turnContext.Activity, options);
        if (command != GlobalCommand.None)
        {
            var commandContext = new GlobalCommandContext(dc, dialog, command, options.BeginOptions);
            var handled = options.OnGlobalCommand is { } handler
                ? await handler(commandContext, cancellationToken).ConfigureAwait(false)
                : await commandContext.ApplyDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (handled is not null)
            {
                return handled;
            }
        }

        var result = await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(dialog.Id, options.BeginOptions, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static GlobalCommand RecognizeCommand(Activity activity, DialogRunOptions options)
    {
        if (!options.GlobalCommandsEnabled
            || activity.Type != ActivityTypes.Message
            || string.IsNullOrWhiteSpace(activity.Text)
            || PromptInput.IsCardSubmission(activity))
        {
            return GlobalCommand.None;
        }

        return options.RecognizeCommand(activity.Text);
    }
}

/// <summary>How <see cref="DialogExtensions.RunAsync"/> runs a turn.</summary>
public sealed class DialogRunOptions
{
    private readonly Func<string, GlobalCommand> _recognizeCommand = GlobalCommandRecognizer.Recognize;
    private readonly IReadOnlyList<Dialog> _additionalDialogs = [];

    /// <summary>False to pass "cancel", "start again" and the like to the active dialog as ordinary text.</summary>
    public bool GlobalCommandsEnabled { get; init; } = true;

    /// <summary>Decides which typed messages are commands; defaults to <see cref="GlobalCommandRecognizer.Recognize"/>.</summary>
    public Func<string, GlobalCommand> RecognizeCommand
    {
        get => _recognizeCommand;
        init => _recognizeCommand = value ?? GlobalCommandRecognizer.Recognize;
    }

    /// <summary>
    /// Replaces the default handling of a recognised command (cancel everything / start again). Return the turn's
    /// result to end the turn there, or null to treat the message as an ordinary answer. The handler may still call
    /// <see cref="GlobalCommandContext.ApplyDefaultAsync"/>, or e.g. begin a dialog that asks "are you sure?"
    /// (register it in <see cref="AdditionalDialogs"/>) on top of the active one; when that dialog ends, the
    /// interrupted dialog repeats its question.
    /// </summary>
    public GlobalCommandHandler? OnGlobalCommand { get; init; }

    /// <summary>Dialogs registered at the root next to the main dialog (for example a cancel confirmation).</summary>
    public IReadOnlyList<Dialog> AdditionalDialogs
    {
        get => _additionalDialogs;
        init => _additionalDialogs = value ?? [];
    }

    /// <summary>The options the main dialog is begun with.</summary>
    public object? BeginOptions { get; init; }
}

/// <summary>Handles a typed global command; returns the turn's result, or null to carry on as if it were not a command.</summary>
public delegate Task<DialogTurnResult?> GlobalCommandHandler(GlobalCommandContext context, CancellationToken cancellationToken);

/// <summary>A global command the user typed, with what is needed to act on it.</summary>
public sealed class GlobalCommandContext
{
    private readonly object? _beginOptions;

    internal GlobalCommandContext(DialogContext dialogContext, Dialog dialog, GlobalCommand command, object? beginOptions)
    {
        DialogContext = dialogContext;
        Dialog = dialog;
        Command = command;
        _beginOptions = beginOptions;
    }

    /// <summary>The root dialog context of this turn.</summary>
    public DialogContext DialogContext { get; }

    /// <summary>The main dialog being run.</summary>
    public Dialog Dialog { get; }

    /// <summary>The command recognised.</summary>
    public GlobalCommand Command { get; }

    /// <summary>True when a dialog was under way when the command arrived.</summary>
    public bool HasActiveDialog => DialogContext.ActiveDialog is not null;

    /// <summary>
    /// The default handling: <see cref="GlobalCommand.Cancel"/> cancels every dialog and returns
    /// <see cref="DialogTurnStatus.Cancelled"/> (even when nothing was under way); <see cref="GlobalCommand.StartAgain"/>
    /// cancels every dialog and begins the main dialog afresh (with <see cref="DialogRunOptions.BeginOptions"/>).
    /// </summary>
    public async Task<DialogTurnResult?> ApplyDefaultAsync(CancellationToken cancellationToken = default)
    {
        switch (Command)
        {
            case GlobalCommand.Cancel:
                await DialogContext.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                return new DialogTurnResult(DialogTurnStatus.Cancelled);
            case GlobalCommand.StartAgain:
                await DialogContext.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
                return await DialogContext.BeginDialogAsync(Dialog.Id, _beginOptions, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }
}
