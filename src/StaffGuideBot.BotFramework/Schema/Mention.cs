namespace StaffGuideBot.BotFramework.Schema;

public class Mention
{
    public string Type { get; set; } = "mention";
    public ChannelAccount? Mentioned { get; set; }
    public string? Text { get; set; }
}
