namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// Recognises the few commands a user can type at any point: "cancel", "stop", "quit" (<see cref="GlobalCommand.Cancel"/>)
/// and "start again", "start over", "restart" (<see cref="GlobalCommand.StartAgain"/>). The whole message must be the
/// command (give or take "please" and punctuation), so an answer that merely contains the word is not one.
/// </summary>
public static class GlobalCommandRecognizer
{
    private static readonly Dictionary<string, GlobalCommand> Commands = new(StringComparer.Ordinal)
    {
        ["cancel"] = GlobalCommand.Cancel,
        ["cancel that"] = GlobalCommand.Cancel,
        ["cancel this"] = GlobalCommand.Cancel,
        ["cancel it"] = GlobalCommand.Cancel,
        ["stop"] = GlobalCommand.Cancel,
        ["stop that"] = GlobalCommand.Cancel,
        ["quit"] = GlobalCommand.Cancel,
        ["exit"] = GlobalCommand.Cancel,
        ["start again"] = GlobalCommand.StartAgain,
        ["start over"] = GlobalCommand.StartAgain,
        ["start over again"] = GlobalCommand.StartAgain,
        ["start from the beginning"] = GlobalCommand.StartAgain,
        ["begin again"] = GlobalCommand.StartAgain,
        ["restart"] = GlobalCommand.StartAgain,
    };

    /// <summary>The command <paramref name="text"/> is, or <see cref="GlobalCommand.None"/>.</summary>
    public static GlobalCommand Recognize(string? text)
    {
        var tokens = TextNormalizer.Tokens(text).ToList();
        if (tokens.Count > 0 && tokens[0] == "please")
        {
            tokens.RemoveAt(0);
        }

        if (tokens.Count > 0 && tokens[^1] == "please")
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return Commands.GetValueOrDefault(string.Join(' ', tokens), GlobalCommand.None);
    }
}
