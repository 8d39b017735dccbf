namespace StaffGuideBot.Tests.Content;

/// <summary>Ids that must be unique: steps, questions (across the pack), contacts, indicators, choice values, year groups, texts.</summary>
public class DuplicateTests
{
    private static string LineOf(string position) => position.Split(':')[1];

    [Fact]
    public void A_duplicate_step_id_is_reported_at_the_second_with_the_line_of_the_first()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "id: images_warning", "id: danger_action");
        var first = pack.At("flow.yaml", "danger_action");
        var second = pack.At("flow.yaml", "danger_action\n    type: acknowledge");

        pack.AssertSingleError($"{second}: duplicate step id 'danger_action' (first at line {LineOf(first)})");
    }

    [Fact]
    public void Question_ids_are_unique_across_the_pack_including_fields_of_repeat_steps()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "id: viewers", "id: name");
        pack.Replace("indicators.yaml", "{ answer: viewers, greaterThan: 10 }", "{ answer: spread, is: a_few }");
        var first = pack.At("flow.yaml", "name", after: "- id: ");

        pack.AssertSingleError($"{pack.At("flow.yaml", "name\n        type: number")}: duplicate question id 'name' (first at line {LineOf(first)}, in step 'children'); question ids must be unique in the pack, including the fields of repeat steps");
    }

    [Fact]
    public void A_question_may_not_share_the_id_of_a_repeat_step()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "id: viewers", "id: children");
        pack.Replace("indicators.yaml", "{ answer: viewers, greaterThan: 10 }", "{ answer: spread, is: a_few }");

        pack.AssertSingleError($"{pack.At("flow.yaml", "children\n        type: number")}: question 'children' has the id of repeat step 'children' (line {LineOf(pack.At("flow.yaml", "id: children"))}); conditions could not tell them apart");
    }

    [Fact]
    public void A_duplicate_contact_id_is_reported_across_groups()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "id: mash", "id: dsl");

        pack.AssertSingleError($"{pack.At("contacts.yaml", "dsl", after: "local:")}: duplicate contact id 'dsl' (first at line 2); contact ids must be unique across school, local and national");
    }

    [Fact]
    public void A_duplicate_indicator_id_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "id: many_viewers", "id: shared_widely");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "shared_widely", after: "id: sexual_acts")}: duplicate indicator id 'shared_widely' (first at line {LineOf(pack.At("indicators.yaml", "id: shared_widely"))})");
    }

    [Fact]
    public void A_choice_value_given_twice_in_a_question_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "{ value: friend_told,", "{ value: child_told,");

        pack.AssertSingleError($"{pack.At("flow.yaml", "child_told, title: A friend")}: question 'came_to_attention' has choice value 'child_told' twice (first at line {LineOf(pack.At("flow.yaml", "child_told"))})");
    }

    [Fact]
    public void A_duplicate_year_group_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "{ value: y10, title: Year 10", "{ value: y9, title: Year 10");

        pack.AssertSingleError($"{pack.At("pack.yaml", "y9, title: Year 10")}: duplicate year group 'y9' (first at line 14)");
    }

    [Fact]
    public void A_text_given_both_flat_and_nested_is_a_duplicate()
    {
        using var pack = new PackFixture();
        pack.Write("texts.yaml", pack.Read("texts.yaml") + "menu:\n  title: Again\n");

        pack.AssertSingleError($"{pack.At("texts.yaml", "title: Again")}: duplicate text 'menu.title' (first at line 1)");
    }
}
