using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.Dialogs;

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
