using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.Guidance.Flow;

namespace StaffGuideBot.Tests.Flow;

/// <summary>The app's English typed words (the protocol layer's recognizers hold none of their own).</summary>
public sealed class TypedWordsTests
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
    public void Recognises_commands(string text, GlobalCommand expected) => Assert.Equal(expected, TypedWords.Commands.Recognize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("please")]
    [InlineData("he told me to stop")]
    [InlineData("she wanted to cancel the trip")]
    [InlineData("don't stop")]
    [InlineData("stopped")]
    [InlineData("yes")]
    public void Ignores_text_that_is_not_only_a_command(string? text) => Assert.Equal(GlobalCommand.None, TypedWords.Commands.Recognize(text));
}
