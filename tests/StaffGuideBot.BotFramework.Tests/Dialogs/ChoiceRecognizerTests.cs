using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class ChoiceRecognizerTests
{
    private static readonly Choice[] Actions =
    [
        new("dsl", "Tell the DSL", ["designated safeguarding lead", "safeguarding lead"]),
        new("police-referral", "Refer to police"),
        new("record", "Record only"),
        new("parents", "Contact parents or carers", ["carers"]),
    ];

    [Theory]
    [InlineData("dsl", 0)]
    [InlineData("DSL", 0)]
    [InlineData("Tell the DSL", 0)]
    [InlineData("tell the dsl!", 0)]
    [InlineData("Designated Safeguarding Lead", 0)]
    [InlineData("refer to police", 1)]
    [InlineData("  Refer   to   Police. ", 1)]
    [InlineData("record", 2)]
    [InlineData("carers", 3)]
    public void Matches_value_title_or_synonym_exactly(string text, int index)
    {
        var found = ChoiceRecognizer.Recognize(text, Actions);
        Assert.NotNull(found);
        Assert.Equal(index, found.Index);
        Assert.Equal(Actions[index].Value, found.Value);
        Assert.Equal(1.0, found.Score);
        Assert.NotNull(found.Synonym);
    }

    [Theory]
    [InlineData("1", 0)]
    [InlineData("2", 1)]
    [InlineData("number 2", 1)]
    [InlineData("option 2", 1)]
    [InlineData("Option 3.", 2)]
    [InlineData("#2", 1)]
    [InlineData("# 4", 3)]
    [InlineData("two", 1)]
    [InlineData("option three", 2)]
    [InlineData("first", 0)]
    [InlineData("second", 1)]
    [InlineData("2nd", 1)]
    [InlineData("the 3rd", 2)]
    [InlineData("the second one", 1)]
    [InlineData("The second one please", 1)]
    [InlineData("I'd like the third one", 2)]
    [InlineData("fourth", 3)]
    [InlineData("last", 3)]
    [InlineData("the last one", 3)]
    public void Matches_by_position(string text, int index)
    {
        var found = ChoiceRecognizer.Recognize(text, Actions);
        Assert.NotNull(found);
        Assert.Equal(index, found.Index);
        Assert.Equal(Actions[index].Value, found.Value);
        Assert.Null(found.Synonym);
    }

    [Theory]
    [InlineData("police", 1)]
    [InlineData("the police please", 1)]
    [InlineData("I'd refer it to the police", 1)]
    [InlineData("contact parents", 3)]
    [InlineData("lead", 0)]
    [InlineData("only record", 2)]
    public void Matches_a_unique_partial_answer_on_whole_words(string text, int index)
    {
        var found = ChoiceRecognizer.Recognize(text, Actions);
        Assert.NotNull(found);
        Assert.Equal(index, found.Index);
        Assert.True(found.Score is > 0 and < 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("banana")]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("fifth")]
    [InlineData("option 9")]
    [InlineData("pol")]
    [InlineData("not the police")]
    [InlineData("the")]
    public void Does_not_match_unknown_or_out_of_range_answers(string? text) => Assert.Null(ChoiceRecognizer.Recognize(text, Actions));

    [Fact]
    public void A_partial_answer_that_fits_two_choices_is_ambiguous()
    {
        Choice[] choices = [new("Refer to police"), new("Call police now"), new("Record only")];

        Assert.Null(ChoiceRecognizer.Recognize("police", choices));
        Assert.Equal(0, ChoiceRecognizer.Recognize("refer", choices)?.Index);
    }

    [Fact]
    public void An_exact_match_wins_over_a_position()
    {
        Choice[] choices = [new("3"), new("2"), new("1")];

        Assert.Equal(1, ChoiceRecognizer.Recognize("2", choices)?.Index);
        Assert.Equal(0, ChoiceRecognizer.Recognize("first", choices)?.Index);
    }

    [Fact]
    public void No_choices_means_no_match() => Assert.Null(ChoiceRecognizer.Recognize("police", []));
}
