using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

public class NumberRecognizerTests
{
    [Theory]
    [InlineData("14", "14")]
    [InlineData(" 14 ", "14")]
    [InlineData("14 years old", "14")]
    [InlineData("aged 14", "14")]
    [InlineData("Aged 14.", "14")]
    [InlineData("14yo", "14")]
    [InlineData("3.5", "3.5")]
    [InlineData("0", "0")]
    [InlineData("-2", "-2")]
    [InlineData("1,000", "1000")]
    [InlineData("fourteen", "14")]
    [InlineData("Fourteen years old", "14")]
    [InlineData("twenty one", "21")]
    [InlineData("twenty-one", "21")]
    [InlineData("a hundred", "100")]
    [InlineData("one hundred and five", "105")]
    [InlineData("one hundred five", "105")]
    [InlineData("three hundred and forty two", "342")]
    [InlineData("two thousand and twenty six", "2026")]
    [InlineData("two thousand twenty-six", "2026")]
    [InlineData("a thousand", "1000")]
    [InlineData("five hundred thousand", "500000")]
    [InlineData("zero", "0")]
    [InlineData("she is eleven", "11")]
    [InlineData("14 (fourteen)", "14")]
    public void Reads_numbers(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), NumberRecognizer.Recognize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("I don't know")]
    [InlineData("a few")]
    [InlineData("teenager")]
    [InlineData("14 or 15")]
    [InlineData("between twelve and thirteen")]
    [InlineData("one two")]
    [InlineData("and")]
    [InlineData("a")]
    public void Does_not_read_text_without_a_single_number(string? text) => Assert.Null(NumberRecognizer.Recognize(text));

    [Fact]
    public void FindAll_lists_each_number_once_in_order() =>
        Assert.Equal([14m, 15m], NumberRecognizer.FindAll("14, maybe 15, probably 14"));
}
