using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Tests.Support;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Flow;

/// <summary>Typed replies to a form with the England pack: only what they clearly say is taken, nothing is guessed.</summary>
public sealed class AnswerReaderTests
{
    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    private readonly AnswerReader _reader = new(England, new DateTimeRecognizer(new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero)), UkTime.Zone));

    private static IReadOnlyList<Question> Form(string stepId) => [.. England.Steps.Single(s => s.Id == stepId).Questions];

    private Dictionary<string, string> Recognize(string stepId, string text) =>
        _reader.Recognize(Form(stepId), text).ToDictionary(a => a.Question.Id, a => a.Value is JsonArray list ? string.Join(",", list) : a.Value.ToString());

    [Fact]
    public void A_child_description_gives_the_age_the_year_group_and_the_roles_but_never_the_name()
    {
        var answers = Recognize("children", "J, a boy aged 14, Year 9, in the picture and shared it");

        Assert.Equal(new Dictionary<string, string> { ["age"] = "14", ["year_group"] = "y9", ["role"] = "shown,shared" }, answers);
    }

    [Theory]
    [InlineData("14 years old", "14")]
    [InlineData("age: 9", "9")]
    [InlineData("a 15-year-old", "15")]
    public void An_age_is_read_in_the_usual_ways(string text, string age) =>
        Assert.Equal(age, Recognize("children", text)["age"]);

    [Theory]
    [InlineData("J")]
    [InlineData("aged 42")]
    [InlineData("other")]
    [InlineData("year 9, year 10")]
    [InlineData("he's 14")]
    public void Words_that_fit_no_field_or_more_than_one_or_an_impossible_age_give_nothing(string text) =>
        Assert.Empty(Recognize("children", text));

    [Fact]
    public void A_yes_or_no_fills_nothing_when_the_form_has_two_yes_no_questions()
    {
        Assert.Empty(Recognize("device_check", "no"));
        Assert.Empty(Recognize("adult", "no"));
        Assert.Equal("no", Recognize("seen_details", "no")["seen_copy"]);
    }

    [Fact]
    public void A_date_with_a_time_fills_the_forms_date_and_time()
    {
        var answers = Recognize("account", "yesterday at 3pm");

        Assert.Equal(new Dictionary<string, string> { ["found_out_date"] = "2026-11-19", ["found_out_time"] = "15:00" }, answers);
    }

    [Fact]
    public void A_date_asked_on_its_own_keeps_a_time_given_with_it()
    {
        var form = Form("account");

        var answers = _reader.FromTypedField(form.Single(q => q.Id == "found_out_date"), form, "yesterday at 3pm");

        Assert.Equal([("found_out_date", "2026-11-19"), ("found_out_time", "15:00")], answers.Select(a => (a.Question.Id, a.Value.ToString())));
    }
}
