using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.BotFramework.Tests.Support;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

/// <summary>
/// Runs a conversation with a dialog the way the app will: one turn per message through the <see cref="TestAdapter"/>,
/// the dialog stack in <see cref="ConversationState"/> over a storage, saved at the end of every turn.
/// <see cref="Restart"/> throws away everything but the storage, as a process restart would.
/// </summary>
internal sealed class DialogHarness
{
    public const string StateProperty = "DialogState";

    private readonly Func<Dialog> _buildDialog;
    private readonly Func<DialogHarness, ITurnContext, CancellationToken, Task<DialogTurnResult>> _turn;

    /// <param name="buildDialog">Builds the root dialog (called again on every restart).</param>
    /// <param name="turn">The turn logic; the default continues the active dialog or begins the root one.</param>
    public DialogHarness(
        Func<Dialog> buildDialog,
        Func<DialogHarness, ITurnContext, CancellationToken, Task<DialogTurnResult>>? turn = null,
        IStorage? storage = null)
    {
        _buildDialog = buildDialog;
        _turn = turn ?? ContinueOrBeginAsync;
        Storage = storage ?? new MemoryStorage();
        Restart();
    }

    public IStorage Storage { get; }

    public TestAdapter Adapter { get; } = new();

    public Dialog Dialog { get; private set; } = null!;

    public ConversationState ConversationState { get; private set; } = null!;

    public IStatePropertyAccessor<DialogState> Accessor { get; private set; } = null!;

    /// <summary>What the last turn's dialog operation returned.</summary>
    public DialogTurnResult? LastResult { get; private set; }

    /// <summary>Options for the root dialog when the default turn logic begins it.</summary>
    public object? BeginOptions { get; set; }

    /// <summary>New state objects and a new dialog over the same storage.</summary>
    public void Restart()
    {
        ConversationState = new ConversationState(Storage);
        Accessor = ConversationState.CreateProperty<DialogState>(StateProperty);
        Dialog = _buildDialog();
    }

    /// <summary>Sends one message (typed text and/or a card submission value) and returns the texts the bot sent.</summary>
    public async Task<string[]> SendAsync(string? text = null, object? value = null)
    {
        var replies = await SendActivityAsync(Adapter.MakeMessage(text, value));
        return replies.Select(activity => activity.Text ?? string.Empty).ToArray();
    }

    public Task<IReadOnlyList<Activity>> SendActivityAsync(Activity activity) =>
        Adapter.ProcessAsync(activity, async (turnContext, cancellationToken) =>
        {
            LastResult = await _turn(this, turnContext, cancellationToken);
            await ConversationState.SaveChangesAsync(turnContext, cancellationToken: cancellationToken);
        });

    /// <summary>The dialog stack as saved in storage (null before anything was saved).</summary>
    public async Task<JsonObject?> ReadSavedStackAsync()
    {
        var key = $"{Channels.Test}/conversations/{Adapter.ConversationId}";
        var items = await Storage.ReadAsync([key]);
        return items.TryGetValue(key, out var item) ? item.Document[StateProperty] as JsonObject : null;
    }

    private static async Task<DialogTurnResult> ContinueOrBeginAsync(DialogHarness harness, ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dialogs = new DialogSet(harness.Accessor).Add(harness.Dialog);
        var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken);
        var result = await dc.ContinueDialogAsync(cancellationToken);
        if (result.Status == DialogTurnStatus.Empty)
        {
            result = await dc.BeginDialogAsync(harness.Dialog.Id, harness.BeginOptions, cancellationToken);
        }

        return result;
    }
}
