using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// A question asked only when earlier answers make it apply (showIf on a field or a question step's question): the
/// loader holds it to a step's rules, and a hidden question's answer is used nowhere (the rules, the report).
/// </summary>
public class QuestionShowIfTests
{
    private const string AfterChildWords = "        placeholder: Their exact words\n";

    [Fact]
    public void A_question_shown_only_on_an_earlier_answer_loads_with_its_condition()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { answer: immediate_danger, is: \"no\" }\n");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        var childWords = loaded!.Steps.SelectMany(s => s.Questions).Single(q => q.Id == "child_words");
        Assert.NotNull(childWords.ShowIf);
        Assert.Null(loaded.Steps.SelectMany(s => s.Questions).Single(q => q.Id == "came_to_attention").ShowIf);
    }

    [Fact]
    public void A_question_shown_on_a_later_answer_is_refused_as_a_step_is()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { answer: adult_involved, is: \"yes\" }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "adult_involved, is")}: showIf of question 'child_words' uses 'adult_involved', which is asked later, in step 'content' (line {pack.At("flow.yaml", "id: content").Split(':')[1]}); a step can only depend on answers to earlier steps");
    }

    [Fact]
    public void A_question_shown_on_an_answer_of_its_own_step_is_refused()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { answer: came_to_attention, is: child_told }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "came_to_attention, is")}: showIf of question 'child_words' uses 'came_to_attention', which this step asks itself; a step can only depend on answers to earlier steps");
    }

    [Fact]
    public void A_repeat_field_shown_on_a_field_of_its_own_step_is_refused()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        label: Their part in it\n", "        label: Their part in it\n        showIf: { answer: children.age, lessThan: 18 }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "children.age")}: showIf of question 'role' uses 'children.age', which this step asks itself; a step can only depend on answers to earlier steps");
    }

    [Fact]
    public void A_question_shown_on_an_unknown_answer_is_refused_with_a_suggestion()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { answer: imediate_danger, is: \"no\" }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "imediate_danger")}: showIf of question 'child_words': unknown question 'imediate_danger' (did you mean 'immediate_danger'?)");
    }

    [Fact]
    public void A_question_whose_show_if_can_never_hold_is_never_shown()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { all: [ { answer: immediate_danger, is: \"yes\" }, { answer: immediate_danger, is: \"no\" } ] }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "showIf", after: "id: child_words")}: question 'child_words' is never shown, because its showIf can never be true: no answers make it true (look for tests that contradict each other, such as is \"yes\" and is \"no\" on one question, or a number outside a question's min and max)");
    }

    [Fact]
    public void A_question_whose_show_if_contradicts_its_steps_is_never_shown()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: What happened\n", "    title: What happened\n    showIf: { answer: immediate_danger, is: \"no\" }\n");
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { answer: immediate_danger, is: \"yes\" }\n");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        Assert.StartsWith($"{pack.At("flow.yaml", "showIf", after: "id: child_words")}: question 'child_words' is never shown, because its showIf can never be true", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_on_a_hidden_questions_answer_needs_that_questions_show_if_too()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", AfterChildWords, AfterChildWords + "        showIf: { answer: immediate_danger, is: \"no\" }\n");
        pack.Replace(
            "flow.yaml",
            "      any:\n        - { answer: adult_involved, is: \"yes\" }\n        - { answer: pressure, contains: blackmail }\n        - { answer: children, anyItem: { answer: role, contains: shown } }\n",
            "      all:\n        - { answer: child_words, answered: true }\n        - { answer: immediate_danger, is: \"yes\" }\n");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        Assert.StartsWith($"{pack.At("flow.yaml", "showIf", after: "id: phone_dsl_now")}: step 'phone_dsl_now' is never shown, because its showIf can never be true", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hidden_questions_answer_raises_no_flag_and_is_left_out_of_what_applies()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        label: Is an adult involved in any way?\n", "        label: Is an adult involved in any way?\n        showIf: { answer: immediate_danger, is: \"no\" }\n");
        pack.Replace("flow.yaml", "        label: Their part in it\n", "        label: Their part in it\n        showIf: { answer: immediate_danger, is: \"no\" }\n");
        var loaded = pack.Load().Pack!;
        var rules = new PackRules(loaded);
        JsonObject Answers(string danger) => new()
        {
            ["immediate_danger"] = danger,
            ["adult_involved"] = "yes",
            ["children"] = new JsonArray(new JsonObject { ["name"] = "A", ["role"] = new JsonArray("shown") }),
        };

        Assert.Contains(rules.Apply(Answers("no")).Flags, f => f.Id == "adult_involved");
        Assert.DoesNotContain(rules.Apply(Answers("yes")).Flags, f => f.Id == "adult_involved");
        var phoneNow = loaded.Steps.Single(s => s.Id == "phone_dsl_now").ShowIf!;
        Assert.False(rules.Apply(Answers("yes")).Holds(phoneNow));

        var applicable = ReportSections.Applicable(loaded, Answers("yes")).ToJson();
        Assert.DoesNotContain("adult_involved", applicable);
        Assert.Equal("A", applicable["children"]![0]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("role", applicable["children"]![0]!.AsObject());
        Assert.Equal(Answers("no").ToJsonString(), ReportSections.Applicable(loaded, Answers("no")).ToJson().ToJsonString());
    }
}
