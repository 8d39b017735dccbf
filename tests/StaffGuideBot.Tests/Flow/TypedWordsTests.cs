using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Tests.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>The words staff may type, from the England pack (pack.yaml, words; the protocol layer's recognizers hold none).</summary>
public sealed class TypedWordsTests
{
    private static readonly Lazy<ContentPack> LazyEngland = new(() => ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")));

    private static TypedWords Words => TypedWords.Of(LazyEngland.Value);

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
    public void Recognises_commands(string text, GlobalCommand expected) => Assert.Equal(expected, Words.Commands.Recognize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("please")]
    [InlineData("he told me to stop")]
    [InlineData("she wanted to cancel the trip")]
    [InlineData("don't stop")]
    [InlineData("stopped")]
    [InlineData("yes")]
    public void Ignores_text_that_is_not_only_a_command(string? text) => Assert.Equal(GlobalCommand.None, Words.Commands.Recognize(text));

    [Theory]
    [InlineData("hi")]
    [InlineData("Hello!")]
    [InlineData("I\u2019ve heard something")]
    [InlineData("i've heard something.")]
    [InlineData("  Good   morning ")]
    public void Returning_words_match_whatever_the_case_apostrophes_and_punctuation(string text) => Assert.True(Words.Returning.Matches(text));

    [Theory]
    [InlineData("he said hi")]
    [InlineData("hi there")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_the_whole_message_is_one_of_the_words(string? text) => Assert.False(Words.Returning.Matches(text));

    [Theory]
    [InlineData("N/A")]
    [InlineData("don\u2019t know")]
    [InlineData("Skip.")]
    public void Skip_words_match(string text) => Assert.True(Words.Skip.Matches(text));

    [Theory]
    [InlineData("Send it!", true)]
    [InlineData("send to DSL", true)]
    [InlineData("sending", false)]
    public void Send_words_match(string text, bool expected) => Assert.Equal(expected, Words.Send.Matches(text));

    [Theory]
    [InlineData("not sure", true)]
    [InlineData("Not sure, sorry", true)]
    [InlineData("maybe.", true)]
    [InlineData("I don't know", false)]
    [InlineData("unsurely", false)]
    public void Unsure_words_may_begin_a_longer_reply(string text, bool expected) => Assert.Equal(expected, Words.Unsure.StartsWithAny(text));

    [Fact]
    public void A_word_list_ignores_blank_phrases()
    {
        var list = new WordList("", "  ", "go");

        Assert.False(list.Matches(""));
        Assert.True(list.Matches("Go!"));
    }

    [Fact]
    public void The_words_are_the_packs_own()
    {
        // The minimal test pack's words: continue is "Carry On" and "next" only, and it has no send words.
        var minimal = TypedWords.Of(ContentPackLoader.Load(PackFixture.PathOf("minimal")));

        Assert.True(minimal.Continue.Matches("carry on!"));
        Assert.False(minimal.Continue.Matches("continue"));
        Assert.True(Words.Continue.Matches("continue"));
        Assert.False(minimal.Send.Matches("send it"));
        Assert.Equal(GlobalCommand.Cancel, minimal.Commands.Recognize("cancel"));
        Assert.Equal(GlobalCommand.None, minimal.Commands.Recognize("quit"));
    }
}
