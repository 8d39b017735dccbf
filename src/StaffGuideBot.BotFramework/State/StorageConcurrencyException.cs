namespace StaffGuideBot.BotFramework.State;

/// <summary>A write was refused because the item changed (or appeared) since it was read.</summary>
public sealed class StorageConcurrencyException : Exception
{
    public StorageConcurrencyException()
    {
    }

    public StorageConcurrencyException(string message) : base(message)
    {
    }

    public StorageConcurrencyException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
