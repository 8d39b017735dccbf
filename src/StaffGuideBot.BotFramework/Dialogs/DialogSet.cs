using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// The dialogs that can be started from one dialog stack, by id. A set made with a state accessor is a root set
/// (its stack lives in that state property); a set without one belongs to a <see cref="ComponentDialog"/>.
/// Add dialogs at start-up; a set is safe to read from many turns at once.
/// </summary>
public sealed class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    public DialogSet(IStatePropertyAccessor<DialogState>? dialogState = null)
    {
        _dialogState = dialogState;
    }

    /// <summary>Registers <paramref name="dialog"/>. Adding the same object twice is harmless; another dialog with a taken id is refused.</summary>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (_dialogs.TryGetValue(dialog.Id, out var existing))
        {
            if (ReferenceEquals(existing, dialog))
            {
                return this;
            }

            throw new ArgumentException($"A different dialog with id '{dialog.Id}' is already in this dialog set.", nameof(dialog));
        }

        _dialogs.Add(dialog.Id, dialog);
        return this;
    }

    /// <summary>The dialog registered under <paramref name="dialogId"/> in this set (not its parents), or null.</summary>
    public Dialog? Find(string dialogId)
    {
        ArgumentNullException.ThrowIfNull(dialogId);
        return _dialogs.GetValueOrDefault(dialogId);
    }

    /// <summary>The registered dialogs.</summary>
    public IReadOnlyCollection<Dialog> GetDialogs() => _dialogs.Values;

    /// <summary>Loads this turn's dialog stack (an empty one for a new conversation) and returns a context over it.</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException(
                "This dialog set has no state accessor (it belongs to a ComponentDialog); create the root set with an IStatePropertyAccessor<DialogState>.");
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            state = new DialogState();
            await _dialogState.SetAsync(turnContext, state, cancellationToken).ConfigureAwait(false);
        }

        return new DialogContext(this, turnContext, state);
    }
}
