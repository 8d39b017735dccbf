namespace StaffGuideBot.BotFramework.Schema;

/// <summary>What the bot answers to an invoke activity: an HTTP status and an optional body.</summary>
public class InvokeResponse
{
    public int Status { get; set; }
    public object? Body { get; set; }
}
