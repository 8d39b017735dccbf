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
