namespace StaffGuideBot.Hosting;

/// <summary>The key ring's certificate can't be used; the message is one line saying why and what to set.</summary>
public sealed class KeyRingProtectionException : Exception
{
    public KeyRingProtectionException()
    {
    }

    public KeyRingProtectionException(string message)
        : base(message)
    {
    }

    public KeyRingProtectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
