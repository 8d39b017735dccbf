namespace StaffGuideBot.Tests.Content;

/// <summary>Unknown and misplaced keys, missing keys, step types and what each step type needs, the review step.</summary>
public class KeyAndStepTests
{
    private const string StepTypes = "info, acknowledge, question, form, repeat, review";

    [Fact]
    public void An_unknown_step_type_is_reported_with_the_expected_types()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "type: repeat", "type: repat");

        pack.AssertSingleError($"{pack.At("flow.yaml", "repat")}: step 'children' has unknown type 'repat' (did you mean 'repeat'?); expected one of {StepTypes}");
    }

    [Fact]
    public void A_typo_in_a_key_is_an_error_with_a_did_you_mean()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "      required: true\n\n", "      requird: true\n\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "requird")}: question 'immediate_danger' has unknown key 'requird' (did you mean 'required'?); expected one of id, type, label, required, showIf, placeholder, allowUnsure");
    }

    [Fact]
    public void A_key_of_another_step_type_says_which_steps_use_it()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    continue: I've done that", "    continue: I've done that\n    confirm: I understand this");

        pack.AssertSingleError($"{pack.At("flow.yaml", "confirm: I understand this")}: step 'danger_action' has key 'confirm', which info steps don't use; it is for acknowledge steps");
    }

    [Fact]
    public void A_key_of_another_question_type_says_which_questions_use_it()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        min: 3\n", "        min: 3\n        maxLength: 2\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "maxLength: 2")}: question 'age' has key 'maxLength', which number questions don't use; it is for text and longtext questions");
    }

    [Fact]
    public void An_unknown_question_type_is_reported_with_the_expected_types()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "type: longtext", "type: long_text");

        pack.AssertSingleError($"{pack.At("flow.yaml", "long_text")}: question 'child_words' has unknown type 'long_text' (did you mean 'longtext'?); expected one of text, longtext, choice, multichoice, yesno, number, date, time, toggle");
    }

    [Fact]
    public void A_missing_required_key_is_reported_at_its_mapping()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        label: When did it happen?\n", string.Empty);

        pack.AssertSingleError($"{pack.At("flow.yaml", "id: when_date")}: question 'when_date' is missing 'label'");
    }

    [Fact]
    public void A_step_without_an_id_is_named_by_its_position()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "  - id: images_warning\n    type: acknowledge", "  - type: acknowledge");

        pack.AssertSingleError($"{pack.At("flow.yaml", "type: acknowledge")}: step 3 is missing 'id'");
    }

    [Fact]
    public void An_id_with_spaces_is_refused()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "id: what_happened", "id: what happened");

        pack.AssertSingleError($"{pack.At("flow.yaml", "what happened")}: step 'what happened': 'id' 'what happened' may only use letters, digits, '_' and '-', and must start with a letter");
    }

    [Fact]
    public void An_info_step_needs_text()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    text: What you've recorded means the {dsl} needs to know now.\n", string.Empty);

        pack.AssertSingleError($"{pack.At("flow.yaml", "id: phone_dsl_now")}: step 'phone_dsl_now' is missing 'text'; an info step needs text");
    }

    [Fact]
    public void Empty_text_is_an_error_at_its_key()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: Act now", "    title: \"  \"");

        pack.AssertSingleError($"{pack.At("flow.yaml", "\"  \"")}: step 'danger_action' has an empty 'title'");
    }

    [Fact]
    public void A_key_with_nothing_after_it_is_empty()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more:");

        pack.AssertSingleError($"{pack.At("flow.yaml", "more:")}: step 'danger_action' has an empty 'more'");
    }

    [Fact]
    public void An_acknowledge_step_needs_its_confirm_button()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    confirm: I understand\n", string.Empty);

        pack.AssertSingleError($"{pack.At("flow.yaml", "id: images_warning")}: step 'images_warning' is missing 'confirm'; an acknowledge step needs the label of the button that must be pressed to go on");
    }

    [Fact]
    public void A_question_step_needs_its_question()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    type: question\n    question:\n      id: immediate_danger\n      type: yesno\n      label: Could a child be in danger right now?\n      required: true\n", "    type: question\n");
        pack.Replace("flow.yaml", "    showIf: { answer: immediate_danger, in: [\"yes\", \"unsure\"] }\n", string.Empty);

        pack.AssertSingleError("flow.yaml:2:5: step 'danger_check' is missing 'question'; a question step needs its question");
    }

    [Fact]
    public void A_form_step_needs_fields()
    {
        using var pack = new PackFixture();
        var flow = pack.Read("flow.yaml");
        var start = flow.IndexOf("    fields:\n      - id: came_to_attention", StringComparison.Ordinal);
        var end = flow.IndexOf("    submit: Next\n\n  - id: children", StringComparison.Ordinal);
        pack.Write("flow.yaml", string.Concat(flow.AsSpan(0, start), "    fields: []\n", flow.AsSpan(end)));

        pack.AssertSingleError($"{pack.At("flow.yaml", "[]")}: step 'what_happened' has an empty 'fields'; a form step needs fields");
    }

    [Fact]
    public void A_repeat_step_needs_fields()
    {
        using var pack = new PackFixture();
        var flow = pack.Read("flow.yaml");
        var start = flow.IndexOf("    fields:\n      - id: name", StringComparison.Ordinal);
        var end = flow.IndexOf("    submit: Save this child", StringComparison.Ordinal);
        pack.Write("flow.yaml", string.Concat(flow.AsSpan(0, start), flow.AsSpan(end)));
        pack.Replace("indicators.yaml", "        - { answer: children.age, lessThan: 13 }\n", string.Empty);
        pack.Replace("flow.yaml", "        - { answer: children, anyItem: { answer: role, contains: shown } }\n", string.Empty);

        pack.AssertSingleError($"{pack.At("flow.yaml", "id: children")}: step 'children' is missing 'fields'; a repeat step needs fields");
    }

    [Fact]
    public void A_repeat_step_needs_the_add_another_question()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    addAnother: Save and add another child\n", string.Empty);

        pack.AssertSingleError($"{pack.At("flow.yaml", "id: children")}: step 'children' is missing 'addAnother'; a repeat step needs the label of the button that saves an item and adds another, e.g. \"Save and add another child\"");
    }

    [Fact]
    public void A_repeat_step_max_must_be_a_whole_number_of_at_least_one()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    max: 5\n", "    max: 0\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "0\n", after: "    max: ")}: step 'children': 'max' must be a whole number of at least 1, not '0'");
    }

    [Fact]
    public void An_unknown_style_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "style: urgent", "style: red");

        pack.AssertSingleError($"{pack.At("flow.yaml", "red", after: "style: ")}: step 'danger_action' has unknown style 'red'; expected one of urgent");
    }

    [Fact]
    public void A_flow_without_a_review_step_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "\n  - id: review\n    type: review\n    title: Check and send\n", "\n");

        pack.AssertSingleError("flow.yaml:2:3: the flow has no review step; expected exactly one review step, as the last step");
    }

    [Fact]
    public void A_second_review_step_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: Check and send\n", "    title: Check and send\n\n  - id: review_again\n    type: review\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "review_again")}: step 'review_again' is a second review step (the first is 'review' at line {pack.At("flow.yaml", "id: review").Split(':')[1]}); a flow has exactly one review step, as the last step");
    }

    [Fact]
    public void The_review_step_must_be_last()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: Check and send\n", "    title: Check and send\n\n  - id: goodbye\n    type: info\n    text: Thank you.\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "review\n    type: review")}: review step 'review' must be the last step, but step 'goodbye' comes after it");
    }

    [Fact]
    public void The_review_step_cannot_have_show_if()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    type: review\n", "    type: review\n    showIf: { answer: immediate_danger, is: \"no\" }\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "showIf: { answer: immediate_danger, is: \"no\" }")}: step 'review': the review step can't have showIf; it is always shown");
    }

    [Fact]
    public void A_step_that_is_not_a_mapping_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "steps:\n", "steps:\n  - just some words\n");

        pack.AssertSingleError("flow.yaml:2:5: step 1 must be a mapping with id and type, not 'just some words'");
    }

    [Fact]
    public void A_question_with_an_unknown_type_does_not_make_conditions_on_it_errors_too()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "      - id: sexual_acts\n        type: yesno", "      - id: sexual_acts\n        type: yes_no");

        pack.AssertSingleError($"{pack.At("flow.yaml", "yes_no")}: question 'sexual_acts' has unknown type 'yes_no' (did you mean 'yesno'?); expected one of text, longtext, choice, multichoice, yesno, number, date, time, toggle");
    }

    [Fact]
    public void A_broken_step_does_not_hide_the_problems_of_the_others()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "style: urgent", "style: red");
        pack.Replace("flow.yaml", "    max: 5\n", "    max: 0\n");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        Assert.Equal(
            [
                $"{pack.At("flow.yaml", "red", after: "style: ")}: step 'danger_action' has unknown style 'red'; expected one of urgent",
                $"{pack.At("flow.yaml", "0\n", after: "    max: ")}: step 'children': 'max' must be a whole number of at least 1, not '0'",
            ],
            problems.Select(p => p.ToString()));
    }
}
