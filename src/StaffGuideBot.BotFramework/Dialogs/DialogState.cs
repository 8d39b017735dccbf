using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// The dialog stack of one conversation, saved in conversation state between turns.
/// It holds only JSON, so it round-trips through <c>BotJson.Options</c> unchanged.
/// </summary>
public sealed class DialogState
{
    private List<DialogInstance> _dialogStack = [];

    /// <summary>The stack, active dialog first.</summary>
    public List<DialogInstance> DialogStack
    {
        get => _dialogStack;
        set => _dialogStack = value ?? [];
    }
}

/// <summary>One dialog on the stack: which dialog it is and that dialog's saved state.</summary>
public sealed class DialogInstance
{
    private string _id = string.Empty;
    private JsonObject _state = new();

    public DialogInstance()
    {
    }

    public DialogInstance(string id)
    {
        Id = id;
    }

    /// <summary>The <see cref="Dialog.Id"/> of the dialog this instance belongs to.</summary>
    public string Id
    {
        get => _id;
        set => _id = value ?? string.Empty;
    }

    /// <summary>The dialog's own state for this conversation; whatever is put here is saved with the stack.</summary>
    public JsonObject State
    {
        get => _state;
        set => _state = value ?? new JsonObject();
    }
}
