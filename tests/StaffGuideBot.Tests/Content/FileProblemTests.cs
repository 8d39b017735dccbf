namespace StaffGuideBot.Tests.Content;

/// <summary>Missing, empty and unreadable files, YAML syntax errors and unexpected files.</summary>
public class FileProblemTests
{
    private const string AllFiles = "pack.yaml, contacts.yaml, texts.yaml, flow.yaml, indicators.yaml, decisions.yaml";

    [Fact]
    public void A_missing_file_is_reported_by_name_without_follow_on_errors()
    {
        using var pack = new PackFixture();
        pack.Delete("flow.yaml");

        pack.AssertSingleError($"flow.yaml: the file is missing; a pack has the files {AllFiles}");
    }

    [Fact]
    public void A_missing_contacts_file_does_not_make_every_contact_reference_an_error()
    {
        using var pack = new PackFixture();
        pack.Delete("contacts.yaml");

        pack.AssertSingleError($"contacts.yaml: the file is missing; a pack has the files {AllFiles}");
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        using var pack = new PackFixture();
        pack.Write("indicators.yaml", "# nothing here yet\n");

        pack.AssertSingleError("indicators.yaml: the file is empty");
    }

    [Fact]
    public void A_YAML_syntax_error_is_reported_at_its_position()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "name: Testland", "name: Testland\n  extra: indented too far");

        pack.AssertSingleError("pack.yaml:4:8: invalid YAML: while scanning a plain scalar value, found invalid mapping");
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_the_quoted_text_starts()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "label: Could a child be in danger right now?", "label: \"Could a child be in danger right now?");

        pack.AssertSingleError($"{pack.At("flow.yaml", "\"Could")}: invalid YAML: while scanning a multi-line double-quoted scalar, found wrong indentation; check that the quote starting here is closed");
    }

    [Fact]
    public void An_unclosed_list_is_reported_where_reading_stopped()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "contacts: [police, dsl]", "contacts: [police, dsl");

        pack.AssertSingleError($"{pack.At("flow.yaml", "continue: I've done that")}: invalid YAML: check for a '[', '{{' or quote that is not closed");
    }

    [Fact]
    public void A_key_given_twice_in_one_mapping_is_reported_at_the_second()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "name: Testland", "name: Testland\nname: Again");

        pack.AssertSingleError("pack.yaml:4:1: duplicate key 'name'; a key may appear only once in a mapping");
    }

    [Fact]
    public void A_second_YAML_document_is_reported()
    {
        using var pack = new PackFixture();
        pack.Write("indicators.yaml", pack.Read("indicators.yaml") + "---\nindicators: []\n");
        var second = pack.At("indicators.yaml", "indicators: []");

        pack.AssertSingleError($"{second}: the file has more than one YAML document; remove the '---' line");
    }

    [Fact]
    public void A_file_whose_root_is_not_a_mapping_is_reported()
    {
        using var pack = new PackFixture();
        pack.Write("flow.yaml", "- id: review\n  type: review\n");

        pack.AssertSingleError("flow.yaml:1:1: the file must be a mapping with steps, not a list");
    }

    [Fact]
    public void Another_YAML_file_in_the_folder_is_a_warning_with_a_did_you_mean()
    {
        using var pack = new PackFixture();
        pack.Write("flow.yml", "steps: []\n");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Equal(
            [$"flow.yml: warning: this file is not part of a pack and is ignored (did you mean 'flow.yaml'?); a pack has the files {AllFiles}"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_byte_order_mark_and_CRLF_line_ends_are_fine_and_positions_still_match()
    {
        using var pack = new PackFixture();
        var flow = pack.Read("flow.yaml").Replace("type: repeat", "type: repat", StringComparison.Ordinal).ReplaceLineEndings("\r\n");
        File.WriteAllText(Path.Combine(pack.Folder, "flow.yaml"), flow, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        pack.AssertSingleError($"{pack.At("flow.yaml", "repat")}: step 'children' has unknown type 'repat' (did you mean 'repeat'?); expected one of info, acknowledge, question, form, repeat, review");
    }

    [Fact]
    public void A_flow_without_steps_does_not_make_every_indicator_condition_an_error()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "steps:", "stepz:");

        var (_, problems) = pack.Load();

        Assert.Equal(
            [
                "flow.yaml:1:1: flow.yaml has unknown key 'stepz' (did you mean 'steps'?); expected one of steps",
                "flow.yaml:1:1: flow.yaml is missing 'steps'; expected the list of steps",
            ],
            problems.Select(p => p.ToString()));
    }
}
