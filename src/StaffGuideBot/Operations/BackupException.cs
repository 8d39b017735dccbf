namespace StaffGuideBot.Operations;

/// <summary>A backup or restore that can't be done; the message is one line saying why and what to do.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
