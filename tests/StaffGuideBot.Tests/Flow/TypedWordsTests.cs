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

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("I\u2019ve heard something")]
    [InlineData("i've heard something.")]
    [InlineData("  Good   morning ")]
    public void Returning_words_match_whatever_the_case_apostrophes_and_punctuation(string text) => Assert.True(TypedWords.Returning.Matches(text));

    [Theory]
    [InlineData("he said hi")]
    [InlineData("hi there")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_the_whole_message_is_one_of_the_words(string? text) => Assert.False(TypedWords.Returning.Matches(text));

    [Theory]
    [InlineData("N/A")]
    [InlineData("don\u2019t know")]
    [InlineData("Skip.")]
    public void Skip_words_match(string text) => Assert.True(TypedWords.Skip.Matches(text));

    [Theory]
    [InlineData("Send it!", true)]
    [InlineData("send to DSL", true)]
    [InlineData("sending", false)]
    public void Send_words_match(string text, bool expected) => Assert.Equal(expected, TypedWords.Send.Matches(text));

    [Theory]
    [InlineData("not sure", true)]
    [InlineData("Not sure, sorry", true)]
    [InlineData("maybe.", true)]
    [InlineData("I don't know", false)]
    [InlineData("unsurely", false)]
    public void Unsure_words_may_begin_a_longer_reply(string text, bool expected) => Assert.Equal(expected, TypedWords.Unsure.StartsWithAny(text));

    [Fact]
    public void A_word_list_ignores_blank_phrases()
    {
        var list = new WordList("", "  ", "go");

        Assert.False(list.Matches(""));
        Assert.True(list.Matches("Go!"));
    }
}
