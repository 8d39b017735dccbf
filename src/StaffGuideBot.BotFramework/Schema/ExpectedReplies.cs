namespace StaffGuideBot.BotFramework.Schema;

/// <summary>The body of an HTTP response to a <c>deliveryMode: expectReplies</c> request.</summary>
public class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = [];
}
