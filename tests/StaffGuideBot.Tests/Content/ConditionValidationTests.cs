namespace StaffGuideBot.Tests.Content;

/// <summary>Conditions in showIf and indicators: shape, question ids, repeat paths, tests per question type, values, order.</summary>
public class ConditionValidationTests
{
    private const string Tests = "is, in, contains, answered, lessThan, greaterThan, anyItem";

    /// <summary>Replaces the when of indicator 'adult_involved' (a one-line flow mapping).</summary>
    private static PackFixture WithWhen(string condition)
    {
        var pack = new PackFixture();
        pack.Replace("indicators.yaml", "when: { answer: adult_involved, is: \"yes\" }", "when: " + condition);
        return pack;
    }

    [Fact]
    public void An_unknown_question_id_is_reported_with_a_did_you_mean()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "showIf: { answer: immediate_danger,", "showIf: { answer: imediate_danger,");

        pack.AssertSingleError($"{pack.At("flow.yaml", "imediate_danger")}: showIf of step 'danger_action': unknown question 'imediate_danger' (did you mean 'immediate_danger'?)");
    }

    [Fact]
    public void An_unknown_question_in_an_indicator_is_reported()
    {
        using var pack = WithWhen("{ answer: adult, is: \"yes\" }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "adult, is")}: when of indicator 'adult_involved': unknown question 'adult'");
    }

    [Fact]
    public void A_repeat_path_needs_a_known_field()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "children.age", "children.agee");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "children.agee")}: when of indicator 'sexual_acts_under_13': repeat step 'children' has no field 'agee' (did you mean 'age'?); expected one of name, age, year_group, role");
    }

    [Fact]
    public void A_repeat_path_must_start_with_a_repeat_step()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "children.age", "content.viewers");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "content.viewers")}: when of indicator 'sexual_acts_under_13': 'content' in 'content.viewers' is a form step; only the fields of repeat steps can be used as <step>.<field>");
    }

    [Fact]
    public void A_repeat_path_starting_with_an_unknown_name_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "children.age", "chilren.age");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "chilren.age")}: when of indicator 'sexual_acts_under_13': 'chilren' in 'chilren.age' is not a step (did you mean 'children'?); only the fields of repeat steps can be used as <step>.<field>");
    }

    [Fact]
    public void A_field_of_a_repeat_step_cannot_be_used_on_its_own()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "children.age", "age");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "age, lessThan")}: when of indicator 'sexual_acts_under_13': 'age' is a field of repeat step 'children'; use 'children.age', or {{ answer: children, anyItem: {{ answer: age, ... }} }}");
    }

    [Fact]
    public void A_condition_with_no_test_is_reported()
    {
        using var pack = WithWhen("{ answer: adult_involved }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "{ answer: adult_involved }")}: when of indicator 'adult_involved': the condition on 'adult_involved' has no test; expected one of {Tests}");
    }

    [Fact]
    public void A_condition_with_several_tests_is_reported_at_the_second()
    {
        using var pack = WithWhen("{ answer: adult_involved, is: \"yes\", answered: true }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "answered: true")}: when of indicator 'adult_involved': the condition on 'adult_involved' has several tests, 'is' and 'answered'; expected exactly one");
    }

    [Fact]
    public void A_test_without_answer_is_reported()
    {
        using var pack = WithWhen("{ is: \"yes\" }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "{ is: \"yes\" }")}: when of indicator 'adult_involved': the condition has 'is' but no 'answer' naming the question it tests");
    }

    [Fact]
    public void A_condition_cannot_mix_answer_and_all()
    {
        using var pack = WithWhen("{ all: [ { answer: adult_involved, is: \"yes\" } ], answer: spread }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "answer: spread")}: when of indicator 'adult_involved': a condition has either 'answer' with one test, or one of all, any and not; this one has 'all' and 'answer'");
    }

    [Fact]
    public void A_condition_cannot_mix_a_test_and_any()
    {
        using var pack = WithWhen("{ any: [ { answer: adult_involved, is: \"yes\" } ], answered: true }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "answered: true")}: when of indicator 'adult_involved': a condition has either 'answer' with one test, or one of all, any and not; this one has 'any' and 'answered'");
    }

    [Fact]
    public void An_empty_not_is_reported()
    {
        using var pack = WithWhen("{ not: }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "not")}: when of indicator 'adult_involved' has an empty 'not'; expected the condition to negate");
    }

    [Fact]
    public void An_empty_show_if_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "showIf: { answer: immediate_danger, in: [\"yes\", \"unsure\"] }", "showIf:");

        pack.AssertSingleError($"{pack.At("flow.yaml", "showIf:")}: step 'danger_action' has an empty 'showIf'; expected a condition");
    }

    [Fact]
    public void An_answer_must_be_a_question_id_or_a_repeat_field()
    {
        using var pack = WithWhen("{ answer: children.age.years, lessThan: 13 }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "children.age.years")}: when of indicator 'adult_involved': 'answer' 'children.age.years' must be a question id, or <repeat step>.<field> such as children.age");
    }

    [Fact]
    public void Problems_deep_inside_a_condition_name_the_whole_condition()
    {
        using var pack = WithWhen("{ not: { any: [ { answer: adult_involved, is: \"yes\", answred: true } ] } }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "answred")}: when of indicator 'adult_involved' has unknown key 'answred' (did you mean 'answered'?); expected one of answer, {Tests}, all, any, not");
    }

    [Fact]
    public void The_urgency_rule_is_checked_in_the_same_way()
    {
        using var pack = new PackFixture();
        pack.Write("indicators.yaml", pack.Read("indicators.yaml") + "\nurgent:\n  kinds: [fivePoint]\n  when: { answer: adult_involvd, is: \"yes\" }\n");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "adult_involvd")}: when of the urgency rule: unknown question 'adult_involvd' (did you mean 'adult_involved'?)");
    }

    [Fact]
    public void Nested_conditions_are_read_into_the_model()
    {
        using var pack = WithWhen("{ not: { all: [ { answer: spread, in: [widely, online] }, { answer: children, anyItem: { answer: role, contains: shown } } ] } }");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        var all = Assert.IsType<Guidance.Content.AllCondition>(Assert.IsType<Guidance.Content.NotCondition>(loaded!.Indicators[0].When).Condition);
        Assert.Equal(["widely", "online"], Assert.IsType<Guidance.Content.AnswerCondition>(all.Conditions[0]).In);
        var item = Assert.IsType<Guidance.Content.AnswerCondition>(Assert.IsType<Guidance.Content.AnswerCondition>(all.Conditions[1]).AnyItem);
        Assert.Equal(("role", "shown"), (item.Answer, item.Contains));
    }

    [Fact]
    public void A_typo_in_a_test_is_an_unknown_key()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "children.age, lessThan: 13", "children.age, lessthan: 13");

        var (_, problems) = pack.Load();

        Assert.Equal(
            [
                $"{pack.At("indicators.yaml", "{ answer: children.age")}: when of indicator 'sexual_acts_under_13': the condition on 'children.age' has no test; expected one of {Tests}",
                $"{pack.At("indicators.yaml", "lessthan")}: when of indicator 'sexual_acts_under_13' has unknown key 'lessthan' (did you mean 'lessThan'?); expected one of answer, {Tests}, all, any, not",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_empty_all_list_is_reported()
    {
        using var pack = WithWhen("{ all: [] }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "[]")}: when of indicator 'adult_involved' has an empty 'all'; expected a list of conditions");
    }

    [Fact]
    public void Is_values_must_be_answers_of_a_yes_no_question()
    {
        using var pack = WithWhen("{ answer: sexual_acts, is: maybe }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "maybe")}: when of indicator 'adult_involved': 'maybe' is not an answer to 'sexual_acts'; expected one of yes, no, unsure");
    }

    [Fact]
    public void Unsure_is_not_an_answer_when_a_yes_no_question_does_not_allow_it()
    {
        using var pack = WithWhen("{ answer: adult_involved, in: [\"yes\", unsure] }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "unsure")}: when of indicator 'adult_involved': 'unsure' is not an answer to 'adult_involved'; expected one of yes, no");
    }

    [Fact]
    public void In_values_must_be_choice_values()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "in: [widely, online]", "in: [widely, onlin]");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "onlin]")}: when of indicator 'shared_widely': 'onlin' is not an answer to 'spread' (did you mean 'online'?); expected one of a_few, widely, online");
    }

    [Fact]
    public void Toggle_answers_are_true_and_false()
    {
        using var pack = WithWhen("{ answer: parents_know, is: \"yes\" }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "\"yes\"")}: when of indicator 'adult_involved': 'yes' is not an answer to 'parents_know'; expected one of true, false");
    }

    [Fact]
    public void Contains_values_must_be_choice_values_too()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "{ answer: pressure, contains: blackmail }", "{ answer: pressure, contains: sextortion }");

        pack.AssertSingleError($"{pack.At("flow.yaml", "sextortion")}: showIf of step 'phone_dsl_now': 'sextortion' is not an answer to 'pressure'; expected one of threats, blackmail");
    }

    [Fact]
    public void Comparisons_need_a_number_question()
    {
        using var pack = WithWhen("{ answer: sexual_acts, lessThan: 13 }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "lessThan")}: when of indicator 'adult_involved': 'lessThan' compares numbers, but 'sexual_acts' is a yesno question");
    }

    [Fact]
    public void A_comparison_value_must_be_a_number()
    {
        using var pack = WithWhen("{ answer: viewers, greaterThan: ten }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "ten")}: when of indicator 'adult_involved': 'greaterThan' must be a number, not 'ten'");
    }

    [Fact]
    public void The_age_of_a_repeat_step_with_age_and_year_group_is_a_number_even_when_age_is_asked_as_text()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        type: number\n        label: Age, if known\n        min: 3\n        max: 19\n", "        type: text\n        label: Age, if known\n");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        Assert.NotNull(loaded);
    }

    [Fact]
    public void Without_a_year_group_field_a_text_age_cannot_be_compared()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        type: number\n        label: Age, if known\n        min: 3\n        max: 19\n", "        type: text\n        label: Age, if known\n");
        pack.Replace("flow.yaml", "      - id: year_group\n", "      - id: school_year\n");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "lessThan")}: when of indicator 'sexual_acts_under_13': 'lessThan' compares numbers, but 'children.age' is a text question");
    }

    [Fact]
    public void Is_on_a_multichoice_question_says_to_use_contains()
    {
        using var pack = WithWhen("{ answer: pressure, is: threats }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "is: threats")}: when of indicator 'adult_involved': 'pressure' is a multichoice question; use contains (true when the answer includes a value), not is");
    }

    [Fact]
    public void Contains_on_a_choice_question_says_to_use_is_or_in()
    {
        using var pack = WithWhen("{ answer: spread, contains: widely }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "contains")}: when of indicator 'adult_involved': 'spread' is a choice question; use is or in, not contains");
    }

    [Fact]
    public void Text_questions_can_only_be_tested_for_an_answer()
    {
        using var pack = WithWhen("{ answer: child_words, is: help }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "is: help")}: when of indicator 'adult_involved': 'child_words' is a longtext question; only 'answered' can test it");
    }

    [Fact]
    public void Answered_works_on_any_question_and_on_a_repeat_step()
    {
        using var pack = WithWhen("{ all: [ { answer: child_words, answered: true }, { answer: children, answered: true }, { answer: children.name, answered: true } ] }");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        Assert.NotNull(loaded);
    }

    [Fact]
    public void Any_item_needs_a_repeat_step()
    {
        using var pack = WithWhen("{ answer: spread, anyItem: { answer: role, contains: shown } }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "spread")}: when of indicator 'adult_involved': 'anyItem' needs a repeat step, but 'spread' is a choice question");
    }

    [Fact]
    public void A_repeat_step_is_tested_with_any_item_or_a_field()
    {
        using var pack = WithWhen("{ answer: children, is: shown }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "children")}: when of indicator 'adult_involved': 'children' is a repeat step; test its items with anyItem, or one field of any item with 'children.<field>'");
    }

    [Fact]
    public void Inside_any_item_the_item_fields_and_the_reports_questions_are_known_and_checked()
    {
        using var pack = WithWhen("{ answer: children, anyItem: { all: [ { answer: age, lessThan: 13 }, { answer: sexual_acts, is: \"yes\" }, { answer: role, contains: filmed } ] } }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "filmed")}: when of indicator 'adult_involved': 'filmed' is not an answer to 'role'; expected one of shown, shared");
    }

    [Fact]
    public void Inside_any_item_an_unknown_name_is_reported()
    {
        using var pack = WithWhen("{ answer: children, anyItem: { answer: gender, is: x } }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "gender")}: when of indicator 'adult_involved': unknown question 'gender' (a field of 'children' or a question of the flow)");
    }

    [Fact]
    public void Show_if_cannot_use_a_question_of_its_own_step()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: What happened\n", "    title: What happened\n    showIf: { answer: came_to_attention, is: child_told }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "came_to_attention, is")}: showIf of step 'what_happened' uses 'came_to_attention', which this step asks itself; a step can only depend on answers to earlier steps");
    }

    [Fact]
    public void Show_if_cannot_use_a_question_asked_later()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "showIf: { answer: immediate_danger, in: [\"yes\", \"unsure\"] }", "showIf: { answer: adult_involved, is: \"yes\" }");

        pack.AssertSingleError($"{pack.At("flow.yaml", "adult_involved, is")}: showIf of step 'danger_action' uses 'adult_involved', which is asked later, in step 'content' (line {pack.At("flow.yaml", "content\n").Split(':')[1]}); a step can only depend on answers to earlier steps");
    }

    [Fact]
    public void Show_if_cannot_use_a_later_repeat_step()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "showIf: { answer: immediate_danger, in: [\"yes\", \"unsure\"] }", "showIf: { answer: children.age, lessThan: 13 }");

        pack.AssertSingleError($"{pack.At("flow.yaml", "children.age")}: showIf of step 'danger_action' uses 'children.age', which is asked later, in step 'children' (line {pack.At("flow.yaml", "id: children").Split(':')[1]}); a step can only depend on answers to earlier steps");
    }

    [Fact]
    public void Nested_conditions_are_checked_at_every_level()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "        - { answer: sexual_acts, is: \"yes\" }\n", "        - { not: { any: [ { answer: sexual_acts, is: \"yes\" }, { answer: spread, is: everywhere } ] } }\n");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "everywhere")}: when of indicator 'sexual_acts_under_13': 'everywhere' is not an answer to 'spread'; expected one of a_few, widely, online");
    }

    [Fact]
    public void A_condition_that_is_not_a_mapping_is_reported()
    {
        using var pack = WithWhen("adult_involved is yes");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "adult_involved is yes")}: indicator 'adult_involved': 'when' must be a mapping such as {{ answer: question_id, is: yes }}, not 'adult_involved is yes'");
    }

    [Fact]
    public void Show_if_is_checked_in_the_same_way()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "{ answer: children, anyItem: { answer: role, contains: shown } }", "{ answer: children, anyItem: { answer: role, contains: showed } }");

        pack.AssertSingleError($"{pack.At("flow.yaml", "showed")}: showIf of step 'phone_dsl_now': 'showed' is not an answer to 'role' (did you mean 'shown'?); expected one of shown, shared");
    }

    [Fact]
    public void Unquoted_yes_and_true_are_read_as_the_text_of_the_answer()
    {
        using var pack = WithWhen("{ any: [ { answer: adult_involved, is: yes }, { answer: parents_know, is: true }, { answer: viewers, lessThan: 2.5 } ] }");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        var any = Assert.IsType<Guidance.Content.AnyCondition>(loaded!.Indicators[0].When);
        Assert.Equal(["yes", "true"], any.Conditions.Take(2).Select(c => ((Guidance.Content.AnswerCondition)c).Is));
        Assert.Equal(2.5m, ((Guidance.Content.AnswerCondition)any.Conditions[2]).LessThan);
    }
}
