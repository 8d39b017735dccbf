namespace StaffGuideBot.BotFramework.Schema;

/// <summary>The values of <see cref="Activity.TextFormat"/> (Bot Builder's <c>TextFormatTypes</c>): how a channel renders a message's text.</summary>
public static class TextFormatTypes
{
    public const string Markdown = "markdown";

    /// <summary>The text as it is, with no formatting at all.</summary>
    public const string Plain = "plain";

    public const string Xml = "xml";
}
