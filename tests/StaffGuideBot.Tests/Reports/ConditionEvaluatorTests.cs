using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Content;

namespace StaffGuideBot.Tests.Reports;

public class ConditionEvaluatorTests
{
    private static readonly ContentPack Pack = ContentPackLoader.Load(PackFixture.PathOf("minimal"));

    private static bool Eval(Condition condition, Answers answers) => ConditionEvaluator.Evaluate(condition, answers, Pack);

    private static AnswerCondition Is(string answer, string value) => new() { Answer = answer, Is = value };

    private static Answers Child(decimal? age = null, string? yearGroup = null, params string[] role)
    {
        var child = new Answers();
        child.Set("name", "AB");
        child.Set("age", age);
        child.Set("year_group", yearGroup);
        child.SetChoices("role", role.Length == 0 ? null : role);
        return child;
    }

    private static Answers WithChildren(params Answers[] children)
    {
        var answers = new Answers();
        answers.SetItems("children", children);
        return answers;
    }

    private static readonly AnswerCondition Under13 = new() { Answer = "children.age", LessThan = 13 };

    /// <summary>
    /// Answers read from storage are parsed JSON, compared where they lie (UTF-8, escapes and all): the same answer
    /// must test the same whether it was parsed or set in code.
    /// </summary>
    [Theory]
    [InlineData("yes", "yes", true, true)]
    [InlineData("yes", "no", false, true)]
    [InlineData("caf\\u00e9", "café", true, true)]
    [InlineData("café", "café", true, true)]
    [InlineData("a\\\"b", "a\"b", true, true)]
    [InlineData("   ", "   ", false, false)]
    [InlineData("\\t\\n ", "\t\n ", false, false)]
    [InlineData("\\u00a0", "\u00a0", false, false)]
    [InlineData("\u00a0", "\u00a0", false, false)]
    [InlineData("\\u0020x", " x", true, true)]
    [InlineData("", "", false, false)]
    public void An_answer_parsed_from_storage_tests_as_the_same_answer_set_in_code(string json, string expected, bool @is, bool answered)
    {
        var parsed = Answers.FromJson(System.Text.Json.Nodes.JsonNode.Parse($$"""{"what_was_said":"{{json}}"}""")!.AsObject());
        var set = new Answers();
        set.Set("what_was_said", System.Text.Json.JsonSerializer.Deserialize<string>($"\"{json}\""));

        foreach (var answers in new[] { parsed, set })
        {
            Assert.Equal(@is, Eval(Is("what_was_said", expected), answers));
            Assert.Equal(answered, Eval(new AnswerCondition { Answer = "what_was_said", Answered = true }, answers));
            Assert.Equal(@is, Eval(new AnswerCondition { Answer = "what_was_said", In = ["other", expected] }, answers));
        }
    }

    [Fact]
    public void Is_compares_the_answer()
    {
        var answers = new Answers();
        answers.Set("immediate_danger", "yes");

        Assert.True(Eval(Is("immediate_danger", "yes"), answers));
        Assert.False(Eval(Is("immediate_danger", "no"), answers));
    }

    [Fact]
    public void Toggle_answers_compare_as_true_and_false()
    {
        var answers = new Answers();
        answers.Set("parents_know", true);

        Assert.True(Eval(Is("parents_know", "true"), answers));
        Assert.False(Eval(Is("parents_know", "false"), answers));
    }

    [Fact]
    public void In_is_true_for_any_of_the_values()
    {
        var answers = new Answers();
        answers.Set("immediate_danger", "unsure");

        Assert.True(Eval(new AnswerCondition { Answer = "immediate_danger", In = ["yes", "unsure"] }, answers));
        Assert.False(Eval(new AnswerCondition { Answer = "immediate_danger", In = ["yes"] }, answers));
    }

    [Fact]
    public void Contains_is_true_when_a_multichoice_answer_includes_the_value()
    {
        var answers = new Answers();
        answers.SetChoices("pressure", ["threats", "blackmail"]);

        Assert.True(Eval(new AnswerCondition { Answer = "pressure", Contains = "blackmail" }, answers));
        Assert.False(Eval(new AnswerCondition { Answer = "pressure", Contains = "grooming" }, answers));
    }

    [Fact]
    public void Comparisons_are_strict()
    {
        var answers = new Answers();
        answers.Set("viewers", 10);

        Assert.False(Eval(new AnswerCondition { Answer = "viewers", GreaterThan = 10 }, answers));
        Assert.True(Eval(new AnswerCondition { Answer = "viewers", GreaterThan = 9.5m }, answers));
        Assert.True(Eval(new AnswerCondition { Answer = "viewers", LessThan = 11 }, answers));
        Assert.False(Eval(new AnswerCondition { Answer = "viewers", LessThan = 10 }, answers));
    }

    [Fact]
    public void Every_test_of_an_unanswered_question_is_false_except_answered_false()
    {
        var none = new Answers();
        none.Set("child_words", " ");

        Assert.False(Eval(Is("immediate_danger", "no"), none));
        Assert.False(Eval(new AnswerCondition { Answer = "immediate_danger", In = ["yes", "no", "unsure"] }, none));
        Assert.False(Eval(new AnswerCondition { Answer = "pressure", Contains = "threats" }, none));
        Assert.False(Eval(new AnswerCondition { Answer = "viewers", LessThan = 1000 }, none));
        Assert.False(Eval(new AnswerCondition { Answer = "viewers", GreaterThan = -1 }, none));
        Assert.False(Eval(new AnswerCondition { Answer = "child_words", Answered = true }, none));
        Assert.True(Eval(new AnswerCondition { Answer = "child_words", Answered = false }, none));
        Assert.False(Eval(Under13, none));
    }

    [Fact]
    public void Not_of_a_test_of_an_unanswered_question_is_true()
    {
        Assert.True(Eval(new NotCondition(Is("immediate_danger", "yes")), new Answers()));
    }

    [Fact]
    public void A_repeat_field_path_is_true_when_any_item_passes()
    {
        Assert.True(Eval(Under13, WithChildren(Child(age: 15), Child(age: 12))));
        Assert.False(Eval(Under13, WithChildren(Child(age: 15), Child(age: 13))));
    }

    [Fact]
    public void An_item_with_a_year_group_and_no_age_takes_the_youngest_age_of_that_year()
    {
        // Year 7 is ages 11-12, Year 8 is 12-13: both may be under 13. Year 9 (13-14) cannot be.
        Assert.True(Eval(Under13, WithChildren(Child(yearGroup: "y7"))));
        Assert.True(Eval(Under13, WithChildren(Child(yearGroup: "y8"))));
        Assert.False(Eval(Under13, WithChildren(Child(yearGroup: "y9"))));
    }

    [Fact]
    public void A_given_age_wins_over_the_year_group()
    {
        Assert.False(Eval(Under13, WithChildren(Child(age: 14, yearGroup: "y7"))));
    }

    [Fact]
    public void A_year_group_typed_as_its_title_also_gives_an_age()
    {
        Assert.True(Eval(Under13, WithChildren(Child(yearGroup: "year 7"))));
    }

    [Fact]
    public void An_item_with_neither_age_nor_a_known_year_group_has_no_age()
    {
        var answers = WithChildren(Child(), Child(yearGroup: "y14"));

        Assert.False(Eval(Under13, answers));
        Assert.True(Eval(new AnswerCondition { Answer = "children.age", Answered = false }, answers));
        Assert.False(Eval(new AnswerCondition { Answer = "children.age", Answered = true }, answers));
        Assert.True(Eval(new AnswerCondition { Answer = "children.age", Answered = true }, WithChildren(Child(yearGroup: "y10"))));
    }

    [Fact]
    public void With_no_items_a_repeat_field_test_is_false_and_the_step_is_unanswered()
    {
        var answers = WithChildren();

        Assert.False(Eval(Under13, answers));
        Assert.False(Eval(new AnswerCondition { Answer = "children.age", Answered = false }, answers));
        Assert.True(Eval(new AnswerCondition { Answer = "children", Answered = false }, answers));
        Assert.True(Eval(new AnswerCondition { Answer = "children", Answered = true }, WithChildren(Child())));
    }

    [Fact]
    public void Any_item_tests_the_fields_of_one_item_together()
    {
        var anyShownUnder13 = new AnswerCondition
        {
            Answer = "children",
            AnyItem = new AllCondition([new AnswerCondition { Answer = "role", Contains = "shown" }, new AnswerCondition { Answer = "age", LessThan = 13 }]),
        };

        // Shown (15) and under 13 (12, not shown) are different children: no single child passes.
        Assert.False(Eval(anyShownUnder13, WithChildren(Child(15, null, "shown"), Child(12, null, "shared"))));
        Assert.True(Eval(anyShownUnder13, WithChildren(Child(15, null, "shared"), Child(null, "y7", "shown"))));
    }

    [Fact]
    public void Inside_any_item_other_names_are_the_reports_questions()
    {
        var condition = new AnswerCondition
        {
            Answer = "children",
            AnyItem = new AllCondition([new AnswerCondition { Answer = "age", LessThan = 13 }, Is("sexual_acts", "yes")]),
        };
        var answers = WithChildren(Child(age: 12));

        Assert.False(Eval(condition, answers));
        answers.Set("sexual_acts", "yes");
        Assert.True(Eval(condition, answers));
    }

    [Fact]
    public void All_any_and_not_nest()
    {
        var answers = new Answers();
        answers.Set("immediate_danger", "no");
        answers.Set("adult_involved", "yes");
        answers.SetChoices("pressure", ["threats"]);

        var condition = new AllCondition(
        [
            new NotCondition(new AnswerCondition { Answer = "immediate_danger", In = ["yes", "unsure"] }),
            new AnyCondition([Is("adult_involved", "no"), new AnswerCondition { Answer = "pressure", Contains = "threats" }]),
        ]);

        Assert.True(Eval(condition, answers));
        answers.SetChoices("pressure", ["blackmail"]);
        Assert.False(Eval(condition, answers));
        answers.Set("adult_involved", "no");
        Assert.True(Eval(condition, answers));
        answers.Set("immediate_danger", "unsure");
        Assert.False(Eval(condition, answers));
    }

    [Fact]
    public void An_empty_all_is_true_and_an_empty_any_is_false()
    {
        Assert.True(Eval(new AllCondition([]), new Answers()));
        Assert.False(Eval(new AnyCondition([]), new Answers()));
    }

    [Fact]
    public void The_packs_own_show_if_conditions_evaluate()
    {
        var dangerAction = Pack.Steps.Single(s => s.Id == "danger_action").ShowIf!;
        var phoneNow = Pack.Steps.Single(s => s.Id == "phone_dsl_now").ShowIf!;
        var answers = new Answers();
        answers.Set("immediate_danger", "unsure");

        Assert.True(Eval(dangerAction, answers));
        Assert.False(Eval(phoneNow, answers));
        answers.SetItems("children", [Child(15, null, "shown")]);
        Assert.True(Eval(phoneNow, answers));
    }
}
