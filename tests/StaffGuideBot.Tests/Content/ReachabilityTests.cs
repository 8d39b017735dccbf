namespace StaffGuideBot.Tests.Content;

/// <summary>
/// Steps that are never shown and indicators that never flag a report: a showIf or when that no answers can make
/// true, given that a step's answers are given only when its own showIf holds. (A showIf that uses its own step's
/// or a later step's answers, the flow's only possible cycle, is in <see cref="ConditionValidationTests"/>.)
/// </summary>
public class ReachabilityTests
{
    private const string Contradiction = "no answers make it true (look for tests that contradict each other, such as is \"yes\" and is \"no\" on one question, or a number outside a question's min and max)";

    [Fact]
    public void A_show_if_whose_tests_contradict_each_other_means_the_step_is_never_shown()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "showIf: { answer: immediate_danger, in: [\"yes\", \"unsure\"] }", "showIf: { all: [ { answer: immediate_danger, is: \"yes\" }, { not: { answer: immediate_danger, in: [\"yes\", \"no\"] } } ] }");

        pack.AssertSingleError($"{pack.At("flow.yaml", "showIf")}: step 'danger_action' is never shown, because its showIf can never be true: {Contradiction}");
    }

    [Fact]
    public void A_step_that_uses_the_answers_of_a_step_never_shown_is_never_shown_either_and_so_is_an_indicator_on_it()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: What happened\n", "    title: What happened\n    showIf: { all: [ { answer: immediate_danger, is: \"yes\" }, { answer: immediate_danger, is: \"no\" } ] }\n");
        pack.Replace("flow.yaml", "    title: Children involved\n", "    title: Children involved\n    showIf: { answer: came_to_attention, is: child_told }\n");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        var whatHappened = pack.At("flow.yaml", "id: what_happened").Split(':')[1];
        var children = pack.At("flow.yaml", "id: children").Split(':')[1];
        Assert.Equal(
            [
                $"{pack.At("flow.yaml", "showIf", after: "id: what_happened")}: step 'what_happened' is never shown, because its showIf can never be true: {Contradiction}",
                $"{pack.At("flow.yaml", "showIf", after: "id: children")}: step 'children' is never shown, because its showIf can never be true: it uses 'came_to_attention', which is asked only in step 'what_happened' (line {whatHappened}), a step that is never shown either",
                $"{pack.At("indicators.yaml", "when", after: "id: sexual_acts_under_13")}: indicator 'sexual_acts_under_13' can never flag a report, because its 'when' can never be true: it uses 'children.age', which is asked only in step 'children' (line {children} of flow.yaml), a step that is never shown either",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_show_if_that_contradicts_the_show_if_of_the_step_whose_answer_it_uses_is_reported_naming_that_step()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: What happened\n", "    title: What happened\n    showIf: { answer: immediate_danger, is: \"no\" }\n");
        pack.Replace(
            "flow.yaml",
            "      any:\n        - { answer: adult_involved, is: \"yes\" }\n        - { answer: pressure, contains: blackmail }\n        - { answer: children, anyItem: { answer: role, contains: shown } }\n",
            "      all:\n        - { answer: came_to_attention, answered: true }\n        - { answer: immediate_danger, is: \"yes\" }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "showIf", after: "id: phone_dsl_now")}: step 'phone_dsl_now' is never shown, because its showIf can never be true: no answers make it true together with the showIf of step 'what_happened' (line {pack.At("flow.yaml", "id: what_happened").Split(':')[1]}), which must hold for that step's answers to be given");
    }

    [Fact]
    public void A_show_if_that_holds_when_an_earlier_step_was_skipped_is_fine()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: What happened\n", "    title: What happened\n    showIf: { answer: immediate_danger, is: \"no\" }\n");
        pack.Replace("flow.yaml", "    title: Children involved\n", "    title: Children involved\n    showIf: { any: [ { not: { answer: came_to_attention, answered: true } }, { answer: came_to_attention, is: friend_told } ] }\n");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_number_test_outside_the_questions_min_and_max_never_flags_a_report()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "when: { answer: viewers, greaterThan: 10 }", "when: { answer: viewers, lessThan: 0 }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "when", after: "id: many_viewers")}: indicator 'many_viewers' can never flag a report, because its 'when' can never be true: {Contradiction}");
    }

    [Fact]
    public void A_possible_condition_that_can_never_hold_is_refused_like_a_when()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "when: { answer: viewers, greaterThan: 10 }", "when: { answer: viewers, greaterThan: 10 }\n    possible: { answer: viewers, lessThan: 0 }\n    possibleBecause: more than ten people may have seen it");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "possible:", after: "id: many_viewers")}: indicator 'many_viewers' can never raise a possible flag, because its 'possible' can never be true: {Contradiction}");
    }

    [Fact]
    public void A_possible_condition_needs_its_wording_and_the_wording_needs_the_condition()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "when: { answer: viewers, greaterThan: 10 }", "when: { answer: viewers, greaterThan: 10 }\n    possible: { answer: viewers, greaterThan: 5 }");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        Assert.Contains(problems, p => p.ToString().Contains("'possibleBecause'", StringComparison.Ordinal) && p.ToString().Contains("many_viewers", StringComparison.Ordinal));

        using var other = new PackFixture();
        other.Replace("indicators.yaml", "when: { answer: viewers, greaterThan: 10 }", "when: { answer: viewers, greaterThan: 10 }\n    possibleBecause: more than five people may have seen it");

        other.AssertSingleError($"{other.At("indicators.yaml", "possibleBecause", after: "id: many_viewers")}: indicator 'many_viewers' has 'possibleBecause' but no 'possible', the condition that raises it as a possible flag");
    }

    [Fact]
    public void A_check_names_a_real_step_and_a_when_that_can_hold()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "    when: { answer: viewers, greaterThan: 10 }\n", "    when: { answer: viewers, greaterThan: 10 }\nchecks:\n  - id: viewers_check\n    step: contnet\n    note: Please check the number of viewers.\n    when: { answer: viewers, lessThan: 0 }\n");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        Assert.Equal(
            [
                $"{pack.At("indicators.yaml", "contnet")}: check 'viewers_check': unknown step 'contnet' (did you mean 'content'?)",
                $"{pack.At("indicators.yaml", "when", after: "id: viewers_check")}: check 'viewers_check' can never show its note, because its 'when' can never be true: {Contradiction}",
            ],
            problems.Where(p => p.IsError).Select(p => p.ToString()));
    }

    [Fact]
    public void Tests_of_repeat_items_are_taken_as_possible_whenever_the_repeat_step_can_have_items()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "when: { answer: viewers, greaterThan: 10 }", "when: { all: [ { answer: children.age, lessThan: 5 }, { answer: children.age, greaterThan: 15 }, { answer: children, anyItem: { answer: role, contains: shared } } ] }");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_multichoice_answer_can_include_several_values_and_a_yes_no_one_only_one()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "when: { answer: viewers, greaterThan: 10 }", "when: { all: [ { answer: pressure, contains: threats }, { answer: pressure, contains: blackmail } ] }");
        pack.Replace("indicators.yaml", "when: { answer: spread, in: [widely, online] }", "when: { all: [ { answer: spread, is: widely }, { answer: spread, is: online } ] }");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "when", after: "id: shared_widely")}: indicator 'shared_widely' can never flag a report, because its 'when' can never be true: {Contradiction}");
    }
}
