namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// The store could not be written (a full disk, a lost connection, a read-only file), or a change conflicted with other
/// writers on every attempt (<see cref="StorageExtensions.UpdateAsync(IStorage, string, Func{System.Text.Json.Nodes.JsonObject?, System.Text.Json.Nodes.JsonObject?}, CancellationToken)"/>):
/// what the write carried was not saved. <see cref="Exception.InnerException"/> is the provider's own error, or the last
/// <see cref="StorageConcurrencyException"/>.
/// </summary>
public sealed class StorageUnavailableException : Exception
{
    public StorageUnavailableException()
    {
    }

    public StorageUnavailableException(string message) : base(message)
    {
    }

    public StorageUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StorageUnavailableException(Exception innerException) : base("The store could not be written.", innerException)
    {
    }
}
