using Newtonsoft.Json.Linq;
using StaffGuideBot.Guidance.Content;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// Every pack file is checked against its JSON Schema and read by System.Text.Json
/// (SchemaBinding): messages name the item by the schema's title and its id, say what was expected, and suggest the
/// schema's own keys; what YAML reads as a number is kept as written where the model wants text.
/// </summary>
public sealed class SchemaBindingTests
{
    [Fact]
    public void A_misspelt_contact_key_is_reported_with_the_schemas_keys_and_the_other_contacts_are_still_checked()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "{ id: mash, role: Children's social care, phone:", "{ id: mash, role: Children's social care, phon:");
        pack.Replace("contacts.yaml", "phone: \"999\"", "phone: \"9\"");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        var errors = problems.Where(p => p.IsError).Select(p => p.ToString()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal($"{pack.At("contacts.yaml", "phon:")}: contact 'mash' has unknown key 'phon' (did you mean 'phone'?); expected one of id, role, name, phone, url, notes, placeholder", errors[0]);
        Assert.Equal($"{pack.At("contacts.yaml", "\"9\"")}: contact 'police': 'phone' '9' is not a phone number: use digits, spaces, '+', round brackets and hyphens, with 3 to 15 digits (e.g. \"01234 567890\", \"+44 20 7946 0000\", \"999\" or \"116 123\"); a written (0) is not counted", errors[1]);
    }

    [Fact]
    public void A_phone_number_written_without_quotes_keeps_its_leading_zero()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "phone: \"01234 000000\"", "phone: 01234000000");

        var (loaded, problems) = pack.Load();

        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Equal("01234000000", loaded!.Contacts.Find("mash")!.Phone);
    }

    [Fact]
    public void A_year_group_age_of_the_wrong_kind_says_what_the_schema_expects()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "maxAge: 13 }", "maxAge: [13] }");

        pack.AssertSingleError($"{pack.At("pack.yaml", "[13]")}: year group 'y8': 'maxAge' must be a whole number of at least 0, not a list");
    }

    [Fact]
    public void An_id_that_breaks_the_schemas_pattern_is_explained_in_the_schemas_words()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "id: adult_involved", "id: adult involved");

        var (_, problems) = pack.Load();

        Assert.Contains(
            $"{pack.At("indicators.yaml", "adult involved")}: indicator 'adult involved': 'id' 'adult involved' may only use letters, digits, '_' and '-', and must start with a letter",
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void The_placeholders_the_bot_fills_in_are_the_term_names_the_pack_schema_refuses()
    {
        Assert.Equal(["contact", .. PackText.RuntimePlaceholders], PackSchema.ReservedTerms());
        Assert.Contains("answers", PackText.RuntimePlaceholders);

        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "  dslShort: DSL\n", "  dslShort: DSL\n  answers: Answers\n");

        pack.AssertSingleError($"{pack.At("pack.yaml", "answers:")}: term 'answers' clashes with the placeholder the bot uses for {{answers}}; choose another name");
    }

    [Fact]
    public void An_indicator_kind_left_empty_is_reported_once_as_empty()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "id: adult_involved\n    kind: fivePoint", "id: adult_involved\n    kind:");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "kind:")}: indicator 'adult_involved' has an empty 'kind'");
    }

    [Fact]
    public void An_indicator_lacking_what_a_whole_rule_needs_is_reported_once_per_key_and_not_checked_further()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "id: adult_involved\n    kind: fivePoint\n    title: An adult is involved\n    because: an adult is reported to be involved\n    when: { answer: adult_involved, is: \"yes\" }", "id: adult_involved\n    because: '{unknown}'");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        var at = pack.At("indicators.yaml", "id: adult_involved");
        Assert.Equal(
            [
                $"{at}: indicator 'adult_involved' is missing 'kind'; expected one of fivePoint, aggravating",
                $"{at}: indicator 'adult_involved' is missing 'title'",
                $"{at}: indicator 'adult_involved' is missing 'when'; expected the condition that flags a report",
            ],
            problems.Where(p => p.IsError).Select(p => p.ToString()));
    }

    [Fact]
    public void A_check_lacking_what_a_whole_check_needs_says_why_it_needs_it()
    {
        using var pack = new PackFixture();
        pack.Write("indicators.yaml", pack.Read("indicators.yaml") + "\nchecks:\n  - id: viewers_check\n    note: Please check the number of viewers.\n");

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        var at = pack.At("indicators.yaml", "id: viewers_check");
        Assert.Equal(
            [
                $"{at}: check 'viewers_check' is missing 'step'; expected the id of the step whose answers to check (its Edit button)",
                $"{at}: check 'viewers_check' is missing 'when'; expected the condition under which the answers conflict",
            ],
            problems.Where(p => p.IsError).Select(p => p.ToString()));
    }

    [Fact]
    public void An_unknown_indicator_kind_is_reported_with_the_schemas_kinds()
    {
        using var pack = new PackFixture();
        pack.Replace("indicators.yaml", "id: adult_involved\n    kind: fivePoint", "id: adult_involved\n    kind: fivepoint");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "fivepoint")}: indicator 'adult_involved' has unknown kind 'fivepoint' (did you mean 'fivePoint'?); expected one of fivePoint, aggravating");
    }

    [Fact]
    public void A_text_whose_key_has_dots_is_found_by_its_whole_key_and_a_number_in_it_is_kept_as_written()
    {
        using var pack = new PackFixture();
        pack.Write("texts.yaml", pack.Read("texts.yaml") + "extra.note: 0123\nextra.other: 1.50\n");

        var (loaded, problems) = pack.Load();

        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Equal("0123", loaded!.Texts["extra.note"]);
        Assert.Equal("1.50", loaded.Texts["extra.other"]);
        Assert.Equal($"{pack.At("texts.yaml", "extra.other")}: warning: text 'extra.other' is not used by the bot", problems[^1].ToString());
    }

    [Fact]
    public void Why_a_step_needs_a_key_is_the_schemas_and_names_the_items_type()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    addAnother: Save and add another child\n", "    addAnother: \"\"\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "\"\"", after: "addAnother: ")}: step 'children' has an empty 'addAnother'; a repeat step needs the label of the button that saves an item and adds another, e.g. \"Save and add another child\"");
    }

    [Theory]
    [InlineData("12", JTokenType.Integer)]
    [InlineData("-7", JTokenType.Integer)]
    [InlineData("+7", JTokenType.Integer)]
    [InlineData("99999999999999999999", JTokenType.Float)]
    [InlineData("1.5", JTokenType.Float)]
    [InlineData(".5", JTokenType.Float)]
    [InlineData("5.", JTokenType.Float)]
    [InlineData("1e3", JTokenType.Float)]
    [InlineData("-2.5E-3", JTokenType.Float)]
    [InlineData("true", JTokenType.Boolean)]
    [InlineData("~", JTokenType.Null)]
    [InlineData(".", JTokenType.String)]
    [InlineData("-", JTokenType.String)]
    [InlineData("1e", JTokenType.String)]
    [InlineData("1,000", JTokenType.String)]
    [InlineData("0x1F", JTokenType.String)]
    [InlineData("NaN", JTokenType.String)]
    [InlineData("Infinity", JTokenType.String)]
    [InlineData("1_000", JTokenType.String)]
    [InlineData("12abc", JTokenType.String)]
    [InlineData("1e400", JTokenType.String)]
    public void A_plain_scalar_is_a_number_only_when_yaml_reads_it_as_one(string written, JTokenType type)
    {
        Assert.Equal(type, SchemaBinding.Scalar(new YamlScalarNode(written) { Style = ScalarStyle.Plain }).Type);
        Assert.Equal(JTokenType.String, SchemaBinding.Scalar(new YamlScalarNode(written) { Style = ScalarStyle.DoubleQuoted }).Type);
    }
}
