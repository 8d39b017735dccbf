using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class GlobalCommandRecognizerTests
{
    [Theory]
    [InlineData("cancel", GlobalCommand.Cancel)]
    [InlineData("Cancel.", GlobalCommand.Cancel)]
    [InlineData("  CANCEL  ", GlobalCommand.Cancel)]
    [InlineData("cancel please", GlobalCommand.Cancel)]
    [InlineData("please cancel that", GlobalCommand.Cancel)]
    [InlineData("stop", GlobalCommand.Cancel)]
    [InlineData("Stop!", GlobalCommand.Cancel)]
    [InlineData("quit", GlobalCommand.Cancel)]
    [InlineData("start again", GlobalCommand.StartAgain)]
    [InlineData("Start Again!", GlobalCommand.StartAgain)]
    [InlineData("start over", GlobalCommand.StartAgain)]
    [InlineData("restart", GlobalCommand.StartAgain)]
    [InlineData("Restart please", GlobalCommand.StartAgain)]
    public void Recognises_commands(string text, GlobalCommand expected) => Assert.Equal(expected, GlobalCommandRecognizer.Recognize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("please")]
    [InlineData("he told me to stop")]
    [InlineData("she wanted to cancel the trip")]
    [InlineData("don't stop")]
    [InlineData("stopped")]
    [InlineData("yes")]
    public void Ignores_text_that_is_not_only_a_command(string? text) => Assert.Equal(GlobalCommand.None, GlobalCommandRecognizer.Recognize(text));
}
