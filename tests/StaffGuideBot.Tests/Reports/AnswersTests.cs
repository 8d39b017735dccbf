using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Reports;

public class AnswersTests
{
    private static Answers Sample()
    {
        var child = new Answers();
        child.Set("name", "AB");
        child.Set("age", 12);
        child.SetChoices("role", ["shown", "shared"]);

        var answers = new Answers();
        answers.Set("immediate_danger", "no");
        answers.Set("viewers", 2.5m);
        answers.Set("parents_know", true);
        answers.Set("when_date", new DateOnly(2026, 11, 21));
        answers.Set("when_time", new TimeOnly(15, 30));
        answers.SetChoices("pressure", ["blackmail"]);
        answers.SetItems("children", [child]);
        return answers;
    }

    [Fact]
    public void Answers_serialise_as_a_plain_JSON_object_of_question_id_to_answer()
    {
        var json = JsonSerializer.Serialize(Sample());

        Assert.Equal(
            """{"immediate_danger":"no","viewers":2.5,"parents_know":true,"when_date":"2026-11-21","when_time":"15:30","pressure":["blackmail"],"children":[{"name":"AB","age":12,"role":["shown","shared"]}]}""",
            json);
    }

    [Fact]
    public void Question_ids_are_kept_as_written_with_the_bots_camel_case_options()
    {
        var answers = new Answers();
        answers.Set("Came_To_Attention", "child_told");

        Assert.Equal("""{"Came_To_Attention":"child_told"}""", BotJson.Serialize(answers));
    }

    [Fact]
    public void Answers_read_back_from_JSON_give_the_same_typed_values()
    {
        var back = JsonSerializer.Deserialize<Answers>(JsonSerializer.Serialize(Sample()))!;

        Assert.Equal("no", back.GetText("immediate_danger"));
        Assert.Equal(2.5m, back.GetNumber("viewers"));
        Assert.True(back.GetBool("parents_know"));
        Assert.Equal(new DateOnly(2026, 11, 21), back.GetDate("when_date"));
        Assert.Equal(new TimeOnly(15, 30), back.GetTime("when_time"));
        Assert.Equal(["blackmail"], back.GetChoices("pressure"));
        var child = Assert.Single(back.GetItems("children"));
        Assert.Equal(("AB", 12m), (child.GetText("name"), child.GetNumber("age")));
        Assert.Equal(["shown", "shared"], child.GetChoices("role"));
        Assert.Equal(["immediate_danger", "viewers", "parents_know", "when_date", "when_time", "pressure", "children"], back.QuestionIds);
    }

    [Fact]
    public void Answers_survive_a_round_trip_inside_a_state_object()
    {
        var state = new DraftState { Reference = "R-1", Answers = Sample() };

        var json = BotJson.Serialize(state);
        var back = BotJson.Deserialize<DraftState>(json)!;

        Assert.Equal(JsonSerializer.Serialize(state.Answers), JsonSerializer.Serialize(back.Answers));
        Assert.StartsWith("""{"reference":"R-1","answers":{"immediate_danger":"no",""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_something_other_than_an_object_fails()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Answers>("""["no"]"""));
    }

    [Fact]
    public void Blank_text_an_empty_list_and_no_items_are_not_answers()
    {
        var answers = new Answers();
        answers.Set("words", "   ");
        answers.SetChoices("pressure", []);
        answers.SetItems("children", []);
        answers.Set("viewers", 0);

        Assert.False(answers.IsAnswered("words"));
        Assert.False(answers.IsAnswered("pressure"));
        Assert.False(answers.IsAnswered("children"));
        Assert.False(answers.IsAnswered("never_asked"));
        Assert.True(answers.IsAnswered("viewers"));
    }

    [Fact]
    public void Setting_null_removes_an_answer()
    {
        var answers = Sample();

        answers.Set("immediate_danger", (string?)null);
        answers.SetChoices("pressure", null);

        Assert.False(answers.IsAnswered("immediate_danger"));
        Assert.DoesNotContain("pressure", answers.QuestionIds);
        Assert.True(answers.Remove("viewers"));
        Assert.False(answers.Remove("viewers"));
    }

    [Fact]
    public void Items_handed_out_are_copies_and_added_items_are_copied_in()
    {
        var answers = Sample();
        var child = answers.GetItems("children")[0];
        child.Set("name", "CD");
        Assert.Equal("AB", answers.GetItems("children")[0].GetText("name"));

        var second = new Answers();
        second.Set("name", "EF");
        answers.AddItem("children", second);
        second.Set("name", "changed later");

        Assert.Equal(["AB", "EF"], answers.GetItems("children").Select(i => i.GetText("name")));
    }

    [Fact]
    public void Json_in_and_out_are_copies()
    {
        var json = new JsonObject { ["immediate_danger"] = "yes" };
        var answers = Answers.FromJson(json);
        json["immediate_danger"] = "no";

        var output = answers.ToJson();
        output["immediate_danger"] = "unsure";

        Assert.Equal("yes", answers.GetText("immediate_danger"));
    }

    [Fact]
    public void Getters_return_null_for_a_value_of_another_kind()
    {
        var answers = Sample();

        Assert.Null(answers.GetText("viewers"));
        Assert.Null(answers.GetNumber("immediate_danger"));
        Assert.Null(answers.GetBool("immediate_danger"));
        Assert.Null(answers.GetDate("immediate_danger"));
        Assert.Empty(answers.GetChoices("immediate_danger"));
        Assert.Empty(answers.GetItems("immediate_danger"));
    }

    [Fact]
    public void A_number_typed_as_text_still_reads_as_a_number()
    {
        var answers = new Answers();
        answers.Set("age", "12");

        Assert.Equal(12m, answers.GetNumber("age"));
    }

    [Fact]
    public void Times_keep_seconds_only_when_there_are_some()
    {
        var answers = new Answers();
        answers.Set("at", new TimeOnly(9, 5, 7));

        Assert.Equal("09:05:07", answers.GetText("at"));
        Assert.Equal(new TimeOnly(9, 5, 7), answers.GetTime("at"));
    }

    private sealed class DraftState
    {
        public string? Reference { get; set; }

        public Answers Answers { get; set; } = new();
    }

    [Fact]
    public void Numbers_put_in_the_JSON_directly_read_as_numbers_whatever_their_CLR_type()
    {
        var answers = Answers.FromJson(new JsonObject { ["int"] = 12, ["double"] = 2.5, ["long"] = 3L });

        Assert.Equal((12m, 2.5m, 3m), (answers.GetNumber("int"), answers.GetNumber("double"), answers.GetNumber("long")));
    }
}
