namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// A dialog id was used (to begin a dialog, or found on a saved stack) that no reachable <see cref="DialogSet"/> knows.
/// On a saved stack this usually means a dialog was renamed or removed since the conversation was saved.
/// </summary>
public sealed class DialogNotFoundException : InvalidOperationException
{
    public DialogNotFoundException()
    {
    }

    public DialogNotFoundException(string message) : base(message)
    {
    }

    public DialogNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal static DialogNotFoundException For(string dialogId) =>
        new($"No dialog with id '{dialogId}' is registered in this dialog set or any of its parents.") { DialogId = dialogId };

    /// <summary>The id that could not be found.</summary>
    public string? DialogId { get; private init; }
}
