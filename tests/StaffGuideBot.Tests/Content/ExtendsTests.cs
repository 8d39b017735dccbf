using Newtonsoft.Json;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// Packs that extend another pack (dialogs/README.md, "Packs that extend another pack"): what is merged and how, and
/// that every problem points at the file and position it came from.
/// </summary>
public sealed class ExtendsTests
{
    private const string ExtendsAt = "pack.yaml:3:10";

    private static string England => Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");

    [Fact]
    public void A_child_with_only_a_pack_yaml_has_everything_of_england()
    {
        using var packs = new PackFamily(England, baseName: "england");
        packs.Write("child", "pack.yaml", "id: scotland\nname: Scotland\nextends: england\n");

        var england = packs.LoadValid("england");
        var (child, problems) = packs.Load();

        Assert.NotNull(child);
        Assert.Equal(("scotland", "Scotland"), (child.Id, child.Name));
        Assert.Equal(Json(england.Steps), Json(child.Steps));
        Assert.Equal(Json(england.Texts), Json(child.Texts));
        Assert.Equal(Json(england.Indicators), Json(child.Indicators));
        Assert.Equal(Json(england.Contacts), Json(child.Contacts));
        Assert.Equal(Json(new { england.Terms, england.Words, england.YearGroups, england.Settings }), Json(new { child.Terms, child.Words, child.YearGroups, child.Settings }));

        // England's warnings (sample school contacts) are the child's too, pointing at England's file.
        Assert.Equal(
            ContentPackLoader.TryLoad(packs.Folder("england")).Problems.Select(p => "../england/" + p),
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_text_can_be_overridden_alone()
    {
        using var packs = new PackFamily();
        packs.Write("child", "texts.yaml", "menu.title: Worried about a photo?\n");

        var parent = packs.LoadValid("base");
        var child = packs.LoadValid();

        Assert.Equal("Worried about a photo?", child.Texts["menu.title"]);
        Assert.Equal(parent.Texts.Where(t => t.Key != "menu.title"), child.Texts.Where(t => t.Key != "menu.title"));
    }

    [Theory]
    [InlineData(false, "menu:\n  title: Worried about a photo?\n")]
    [InlineData(true, "menu.title: Worried about a photo?\n")]
    public void Texts_merge_by_their_full_name_whether_written_flat_or_nested(bool nestedInBase, string childTexts)
    {
        using var packs = new PackFamily();
        if (nestedInBase)
        {
            packs.Replace("base", "texts.yaml", "menu.title: Worried about an image?", "menu:\n  title: Worried about an image?");
        }

        packs.Write("child", "texts.yaml", childTexts);

        var child = packs.LoadValid();

        Assert.Equal("Worried about a photo?", child.Texts["menu.title"]);
        Assert.StartsWith("I'll help you record it", child.Texts["menu.text"], StringComparison.Ordinal);
        Assert.Equal(packs.LoadValid("base").Texts.Count, child.Texts.Count);
    }

    [Fact]
    public void A_step_can_change_just_its_title()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - { id: images_warning, title: Never open the image }\n");

        var parent = packs.LoadValid("base");
        var child = packs.LoadValid();

        Assert.Equal(parent.Steps.Select(s => s.Id), child.Steps.Select(s => s.Id));
        var step = child.Steps.Single(s => s.Id == "images_warning");
        Assert.Equal("Never open the image", step.Title);
        Assert.Equal((StepType.Acknowledge, "Work only from what you are told.", "I understand"), (step.Type, step.Text, step.Confirm));
        Assert.Equal(["Don't view it.", "Don't send it to the {dslShort}."], step.Points);
    }

    [Fact]
    public void A_question_inside_a_step_is_merged_by_id_too()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - id: what_happened\n    fields:\n      - { id: child_words, label: What did they say? }\n");

        var step = packs.LoadValid().Steps.Single(s => s.Id == "what_happened");

        Assert.Equal(["came_to_attention", "child_words", "when_date", "when_time", "parents_know"], step.Fields.Select(f => f.Id));
        var field = step.Fields[1];
        Assert.Equal(("What did they say?", true, 4000, "Their exact words"), (field.Label, field.Verbatim, field.MaxLength, field.Placeholder));
        Assert.Equal("Stick to facts.", step.Intro);
    }

    [Fact]
    public void A_new_step_goes_right_after_the_step_listed_before_it()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", """
            steps:
              - { id: danger_action }
              - id: local_advice
                type: info
                text: Phone the local team on {contact.mash.phone}.
              - id: local_check
                type: info
                text: Check the local procedure.
            """);

        var child = packs.LoadValid();

        Assert.Equal(
            ["danger_check", "danger_action", "local_advice", "local_check", "images_warning", "what_happened", "children", "content", "phone_dsl_now", "review"],
            child.Steps.Select(s => s.Id));
        Assert.Equal("Phone the local team on {contact.mash.phone}.", child.Steps[2].Text);
    }

    [Fact]
    public void A_new_step_listed_first_goes_first_and_one_listed_after_a_removal_takes_its_place()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", """
            steps:
              - { id: welcome_note, type: info, text: Hello. }
              - { id: images_warning, remove: true }
              - { id: no_images, type: info, text: Don't look at it. }
            """);

        Assert.Equal(
            ["welcome_note", "danger_check", "danger_action", "no_images", "what_happened", "children", "content", "phone_dsl_now", "review"],
            packs.LoadValid().Steps.Select(s => s.Id));
    }

    [Fact]
    public void A_step_can_be_removed()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - { id: phone_dsl_now, remove: true }\n");

        var child = packs.LoadValid();

        Assert.Equal(["danger_check", "danger_action", "images_warning", "what_happened", "children", "content", "review"], child.Steps.Select(s => s.Id));
    }

    [Fact]
    public void Removing_and_adding_back_the_same_id_replaces_the_step_whole()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - { id: phone_dsl_now, remove: true }\n  - { id: phone_dsl_now, type: info, text: Phone the DSL. }\n");

        var step = packs.LoadValid().Steps.Single(s => s.Id == "phone_dsl_now");

        Assert.Equal(("Phone the DSL.", null, null), (step.Text, step.Title, step.ShowIf));
        Assert.Equal("review", packs.LoadValid().Steps[^1].Id);
    }

    [Fact]
    public void Removing_an_id_the_base_does_not_have_is_an_error_with_a_did_you_mean()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - { id: phone_dsl_nw, remove: true }\n");

        Assert.Equal(
            [$"{packs.At("child", "flow.yaml", "phone_dsl_nw")}: cannot remove 'phone_dsl_nw': the base pack has no item with that id in 'steps' (did you mean 'phone_dsl_now'?)"],
            packs.Errors());
    }

    [Fact]
    public void Removing_a_field_the_step_does_not_have_names_the_step()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - id: children\n    fields:\n      - { id: agee, remove: true }\n");

        Assert.Equal(
            [$"{packs.At("child", "flow.yaml", "agee")}: cannot remove 'agee': the base pack has no item with that id in 'fields' of 'children' (did you mean 'age'?)"],
            packs.Errors());
    }

    [Theory]
    [InlineData("{ id: content, remove: false }", "false", "'content': 'remove' can only be true (it removes the item with this id from the base pack), not 'false'")]
    [InlineData("{ id: content, remove: true, title: The picture }", "title", "'content' has 'remove: true', so it can't have 'title' too; to change an item, leave out 'remove'")]
    public void A_removal_is_exactly_id_and_remove_true(string item, string at, string message)
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", $"steps:\n  - {item}\n");

        Assert.Equal([$"{packs.At("child", "flow.yaml", at)}: {message}"], packs.Errors());
    }

    [Fact]
    public void An_id_listed_twice_in_the_child_is_an_error()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", "steps:\n  - { id: content, title: A }\n  - { id: content, title: B }\n");

        Assert.Equal(
            [$"{packs.At("child", "flow.yaml", "content, title: B")}: duplicate id 'content' in 'steps' (first at line 2); list each item once"],
            packs.Errors());
    }

    [Fact]
    public void A_contact_can_change_just_its_phone()
    {
        using var packs = new PackFamily();
        packs.Write("child", "contacts.yaml", "school:\n  - { id: dsl, phone: \"0131 496 0000\" }\n");

        var parent = packs.LoadValid("base");
        var child = packs.LoadValid();

        var dsl = Assert.Single(child.Contacts.School);
        Assert.Equal(("Designated Safeguarding Lead", "Sam Jones", "0131 496 0000", "Tell them the same day."), (dsl.Role, dsl.Name, dsl.Phone, dsl.Notes));
        Assert.Equal(Json(new { parent.Contacts.Local, parent.Contacts.National }), Json(new { child.Contacts.Local, child.Contacts.National }));
    }

    [Fact]
    public void Lists_without_ids_and_values_are_replaced_whole()
    {
        using var packs = new PackFamily();
        packs.Write("child", "pack.yaml", PackFamily.ChildPack + "words: { continue: [onwards] }\nsettings: { reminderMinutes: 30 }\n");
        packs.Write("child", "flow.yaml", """
            steps:
              - id: what_happened
                fields:
                  - id: came_to_attention
                    choices:
                      - { value: saw_it, title: I saw it happen }
            """);

        var child = packs.LoadValid();

        Assert.Equal(["onwards"], child.Words.Continue);
        Assert.Equal(["cancel"], child.Words.Cancel); // the lists the child leaves out are the base pack's
        Assert.Equal(30, child.Settings.ReminderMinutes);
        Assert.Equal(["dsl", "dslShort"], child.Terms.Keys.Order());
        Assert.Equal(["saw_it"], child.Steps.Single(s => s.Id == "what_happened").Fields[0].Choices.Select(c => c.Value));
    }

    [Fact]
    public void A_condition_is_replaced_whole_not_merged_key_by_key()
    {
        using var packs = new PackFamily();
        packs.Write("child", "indicators.yaml", "indicators:\n  - { id: shared_widely, when: { answer: spread, is: widely } }\n");

        var (child, problems) = packs.Load("child");

        Assert.NotNull(child);
        Assert.DoesNotContain(problems, p => p.IsError);
        var when = child.Indicators.Single(i => i.Id == "shared_widely").When;
        Assert.True(ConditionEvaluator.Evaluate(when, Answers.FromJson(new System.Text.Json.Nodes.JsonObject { ["spread"] = "widely" }), child));
        Assert.False(ConditionEvaluator.Evaluate(when, Answers.FromJson(new System.Text.Json.Nodes.JsonObject { ["spread"] = "online" }), child));
    }

    [Fact]
    public void A_missing_file_is_taken_whole_from_the_base()
    {
        using var packs = new PackFamily();
        packs.Write("child", "texts.yaml", "welcome: Hello.\n");

        var (child, problems) = packs.Load();

        Assert.NotNull(child);
        Assert.Empty(problems);
        Assert.Equal(Json(packs.LoadValid("base").Steps), Json(child.Steps));
    }

    [Fact]
    public void The_id_and_name_are_never_inherited()
    {
        using var packs = new PackFamily();
        packs.Write("child", "pack.yaml", "extends: base\n");

        Assert.Equal(["pack.yaml:1:1: the pack is missing 'id'", "pack.yaml:1:1: the pack is missing 'name'"], packs.Errors());
    }

    [Fact]
    public void Extending_a_folder_that_does_not_exist_is_an_error_at_extends()
    {
        using var packs = new PackFamily();
        packs.Write("child", "pack.yaml", PackFamily.ChildPack.Replace("extends: base", "extends: bsae", StringComparison.Ordinal));

        Assert.Equal([$"{ExtendsAt}: extends 'bsae', but there is no pack folder 'bsae' next to this one (did you mean 'base'?); the packs there are base"], packs.Errors());
    }

    [Fact]
    public void Extends_names_a_folder_next_to_the_pack_not_a_path()
    {
        using var packs = new PackFamily();
        packs.Write("child", "pack.yaml", PackFamily.ChildPack.Replace("extends: base", "extends: ../base", StringComparison.Ordinal));

        Assert.Equal([$"{ExtendsAt}: 'extends' must be the name of the pack folder next to this one that this pack builds on (such as england), not '../base'"], packs.Errors());
    }

    [Fact]
    public void Packs_extending_each_other_are_a_cycle()
    {
        using var packs = new PackFamily();
        packs.Write("a", "pack.yaml", "id: a\nname: A\nextends: b\n");
        packs.Write("b", "pack.yaml", "id: b\nname: B\nextends: a\n");

        Assert.Equal([$"{ExtendsAt}: extends 'b', which makes a cycle: a → b → a; a pack can't extend itself, directly or through other packs"], packs.Errors("a"));
    }

    [Fact]
    public void A_pack_extending_itself_is_a_cycle()
    {
        using var packs = new PackFamily();
        packs.Write("child", "pack.yaml", PackFamily.ChildPack.Replace("extends: base", "extends: child", StringComparison.Ordinal));

        Assert.Equal([$"{ExtendsAt}: extends 'child', which makes a cycle: child → child; a pack can't extend itself, directly or through other packs"], packs.Errors());
    }

    [Fact]
    public void A_broken_base_is_an_error_at_extends_and_its_problems_are_listed()
    {
        using var packs = new PackFamily();
        packs.Replace("base", "flow.yaml", "type: repeat", "type: repat");

        Assert.Equal(
            [
                $"{ExtendsAt}: extends 'base', which has 1 error (listed under ../base/); fix that pack first",
                $"{packs.At("base", "flow.yaml", "repat")}: step 'children' has unknown type 'repat' (did you mean 'repeat'?); expected one of info, acknowledge, question, form, repeat, review",
            ],
            packs.Errors());
    }

    [Fact]
    public void Packs_can_extend_in_a_chain()
    {
        using var packs = new PackFamily();
        packs.Write("middle", "pack.yaml", "id: middle\nname: Middle\nextends: base\n");
        packs.Write("middle", "texts.yaml", "menu.title: From the middle\n");
        packs.Write("child", "pack.yaml", "id: child\nname: Child\nextends: middle\n");
        packs.Write("child", "texts.yaml", "welcome: From the child\n");

        var child = packs.LoadValid();

        Assert.Equal(("From the middle", "From the child", "Report a concern now"), (child.Texts["menu.title"], child.Texts["welcome"], child.Texts["menu.report"]));
    }

    [Fact]
    public void A_broken_pack_further_down_a_chain_is_reported_at_each_extends()
    {
        using var packs = new PackFamily();
        packs.Write("middle", "pack.yaml", "id: middle\nname: Middle\nextends: base\n");
        packs.Write("child", "pack.yaml", "id: child\nname: Child\nextends: middle\n");
        packs.Replace("base", "flow.yaml", "type: repeat", "type: repat");

        var errors = packs.Errors();

        Assert.Equal(
            [
                $"{ExtendsAt}: extends 'middle', which has 1 error (listed under ../middle/); fix that pack first",
                "../middle/pack.yaml:3:10: extends 'base', which has 1 error (listed under ../base/); fix that pack first",
                $"{packs.At("base", "flow.yaml", "repat")}: step 'children' has unknown type 'repat' (did you mean 'repeat'?); expected one of info, acknowledge, question, form, repeat, review",
            ],
            errors);
    }

    [Fact]
    public void A_problem_in_what_the_child_inherits_is_reported_in_the_base_file()
    {
        using var packs = new PackFamily();
        packs.Write("child", "contacts.yaml", "national:\n  - { id: police, remove: true }\n");

        Assert.Equal(
            [$"{packs.At("base", "flow.yaml", "police, dsl]")}: step 'danger_action' lists unknown contact 'police'; contacts are defined in contacts.yaml"],
            packs.Errors());
    }

    [Fact]
    public void A_placeholder_in_an_inherited_text_is_reported_at_its_place_in_the_base_file()
    {
        using var packs = new PackFamily();
        packs.Replace("base", "texts.yaml", "welcome: Type **help** at any time to start.", "welcome: Type **help** at any time, or phone {contact.mash.phone}.");
        packs.Write("child", "contacts.yaml", "local:\n  - { id: mash, remove: true }\n  - { id: hub, role: Local hub, phone: \"0131 496 0001\" }\n");

        Assert.Equal(
            [$"{packs.At("base", "texts.yaml", "{contact.mash.phone}")}: text 'welcome' uses unknown contact 'mash' in '{{contact.mash.phone}}'; contacts are defined in contacts.yaml"],
            packs.Errors());
    }

    [Fact]
    public void A_line_quoted_from_the_other_pack_names_its_file()
    {
        using var packs = new PackFamily();
        packs.Write("child", "flow.yaml", """
            steps:
              - { id: danger_action }
              - id: again
                type: question
                question: { id: immediate_danger, type: yesno, label: Still in danger? }
            """);
        var first = packs.At("base", "flow.yaml", "immediate_danger").Split(':')[1];

        Assert.Equal(
            [$"{packs.At("child", "flow.yaml", "immediate_danger")}: duplicate question id 'immediate_danger' (first at line {first} of ../base/flow.yaml, in step 'danger_check'); question ids must be unique in the pack, including the fields of repeat steps"],
            packs.Errors());
    }

    [Fact]
    public void The_version_covers_the_base_so_editing_the_base_changes_it()
    {
        using var packs = new PackFamily();
        packs.Write("child", "texts.yaml", "welcome: Hello.\n");
        var before = packs.LoadValid().Version;

        packs.Write("base", "texts.yaml", packs.Read("base", "texts.yaml") + "# edited\n");
        var after = packs.LoadValid().Version;

        Assert.NotEqual(before, after);
        var files = ContentFiles.OnDisk(packs.Root);
        Assert.Equal(after, ContentPackLoader.TryLoad(files, "child", "child").Pack?.Version);
        Assert.Equal(after, ContentPackLoader.TryLoad(ContentFiles.FromJson(files.ToJson()), "child", "child").Pack?.Version);
        Assert.NotEqual(packs.LoadValid("base").Version, after);
    }

    [Fact]
    public void A_load_reads_only_its_pack_and_the_packs_it_extends_so_a_snapshot_holds_just_those()
    {
        using var packs = new PackFamily();
        packs.Write("other", "pack.yaml", "id: other\nname: Other\n");
        var files = ContentFiles.OnDisk(packs.Root);

        Assert.NotNull(ContentPackLoader.TryLoad(files, "child", "child").Pack);

        var paths = files.ToJson()["files"]!.AsObject().Select(f => f.Key).ToList();
        Assert.Contains("child/pack.yaml", paths);
        Assert.Contains("base/flow.yaml", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("other/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_child_pack_is_selected_by_content_pack_like_any_other()
    {
        using var packs = new PackFamily();
        var options = new ContentOptions { Folder = packs.Root, Pack = "child" };

        Assert.Equal("child", ContentPackLoader.Load(options.ResolvePackFolder(SharedSchemas.RepositoryRoot)).Id);
    }

    private static string Json(object value) => JsonConvert.SerializeObject(value);
}
