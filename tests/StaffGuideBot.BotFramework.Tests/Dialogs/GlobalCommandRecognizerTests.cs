using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

/// <summary>The recognizer only knows the words it is given (the app's English words are tested with the app).</summary>
public class GlobalCommandRecognizerTests
{
    private static readonly GlobalCommandRecognizer French = new(
        cancel: ["annuler", "arrête", "annule ça"],
        startAgain: ["recommencer", "on recommence"],
        polite: ["svp", "merci"]);

    [Theory]
    [InlineData("annuler", GlobalCommand.Cancel)]
    [InlineData("Annuler.", GlobalCommand.Cancel)]
    [InlineData("  ANNULER  ", GlobalCommand.Cancel)]
    [InlineData("annuler svp", GlobalCommand.Cancel)]
    [InlineData("svp annule ça", GlobalCommand.Cancel)]
    [InlineData("Arrête !", GlobalCommand.Cancel)]
    [InlineData("recommencer", GlobalCommand.StartAgain)]
    [InlineData("On recommence, merci", GlobalCommand.StartAgain)]
    public void Recognises_the_phrases_it_is_given(string text, GlobalCommand expected) => Assert.Equal(expected, French.Recognize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("svp")]
    [InlineData("il m'a dit d'annuler")]
    [InlineData("svp svp annuler")]
    [InlineData("cancel")]
    [InlineData("start again")]
    public void Ignores_text_that_is_not_only_one_of_its_phrases(string? text) => Assert.Equal(GlobalCommand.None, French.Recognize(text));

    [Fact]
    public void Without_phrases_nothing_is_a_command() =>
        Assert.Equal(GlobalCommand.None, new GlobalCommandRecognizer([], []).Recognize("cancel"));

    [Fact]
    public void A_phrase_for_both_commands_or_with_no_words_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new GlobalCommandRecognizer(["stop"], ["Stop!"]));
        Assert.Throws<ArgumentException>(() => new GlobalCommandRecognizer(["..."], []));
    }
}
