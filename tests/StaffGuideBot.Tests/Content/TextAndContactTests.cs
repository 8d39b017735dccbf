using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Tests.Content;

/// <summary>Placeholders, texts.yaml, pack.yaml, contacts.yaml and question rules.</summary>
public class TextAndContactTests
{
    private const string Terms = "expected a term from pack.yaml (dsl, dslShort), {contact.<id>.name} or {contact.<id>.phone}";

    [Fact]
    public void An_unknown_term_is_reported_at_the_placeholder_itself()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "then phone the {dslShort} on", "then phone the {dslshort} on");

        pack.AssertSingleError($"{pack.At("flow.yaml", "{dslshort}")}: step 'danger_action': 'text' uses unknown placeholder '{{dslshort}}' (did you mean '{{dslShort}}'?); {Terms}");
    }

    [Fact]
    public void A_placeholder_on_a_later_line_of_a_block_text_is_reported_on_its_line()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "**If a child is in danger right now, call 999.**", "**If a child is in danger right now, call 999 or the {designated}.**");

        pack.AssertSingleError($"{pack.At("texts.yaml", "{designated}")}: text 'menu.text' uses unknown placeholder '{{designated}}'; {Terms}, or one the bot fills in ({{fields}}, {{question}}, {{time}}, {{reference}}, {{clock}}, {{day}}, {{item}}, {{number}}, {{name}}, {{decision}}, {{version}}, {{problems}}, {{answers}}, {{date}}, {{because}})");
        Assert.StartsWith("texts.yaml:5:", pack.At("texts.yaml", "{designated}"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_contact_in_a_placeholder_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "on {contact.dsl.phone}.", "on {contact.dls.phone}.");

        pack.AssertSingleError($"{pack.At("texts.yaml", "{contact.dls.phone}")}: text 'quick.text' uses unknown contact 'dls' in '{{contact.dls.phone}}' (did you mean 'dsl'?); contacts are defined in contacts.yaml");
    }

    [Fact]
    public void A_contact_detail_the_contact_does_not_have_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more: Report it at {contact.iwf.phone}.");

        pack.AssertSingleError($"{pack.At("flow.yaml", "{contact.iwf.phone}")}: step 'danger_action': 'more' uses '{{contact.iwf.phone}}', but contact 'iwf' has no phone");
    }

    [Fact]
    public void An_unknown_contact_detail_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more: Call {contact.dsl.mobile}.");

        pack.AssertSingleError($"{pack.At("flow.yaml", "{contact.dsl.mobile}")}: step 'danger_action': 'more' uses '{{contact.dsl.mobile}}', but 'mobile' is not a contact detail; expected one of role, name, phone, url, notes");
    }

    [Fact]
    public void A_contacts_notes_are_a_detail_too()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more: \"{contact.dsl.notes}\"");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        Assert.Equal(loaded!.Contacts.Find("dsl")!.Notes, loaded.Fill(loaded.Steps.Single(s => s.Id == "danger_action").More!));
    }

    [Fact]
    public void Runtime_placeholders_are_for_texts_yaml_only()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    continue: I've done that", "    continue: Done ({reference})");

        pack.AssertSingleError($"{pack.At("flow.yaml", "{reference}")}: step 'danger_action': 'continue' uses '{{reference}}', which the bot fills in only in texts.yaml messages");
    }

    [Fact]
    public void Placeholders_are_checked_in_labels_choices_points_and_indicators()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "label: Is an adult involved in any way?", "label: Is an {adult} involved?");
        pack.Replace("flow.yaml", "{ value: a_few, title: A few people }", "{ value: a_few, title: \"A few {people}\" }");
        pack.Replace("flow.yaml", "      - Don't send it to the {dslShort}.", "      - Don't send it to the {dlsShort}.");
        pack.Replace("indicators.yaml", "because: more than ten people have seen it", "because: more than ten people have seen it, tell the {lead}");

        var (_, problems) = pack.Load();

        Assert.Equal(
            [
                $"{pack.At("flow.yaml", "{dlsShort}")}: step 'images_warning': 'points' uses unknown placeholder '{{dlsShort}}' (did you mean '{{dslShort}}'?); {Terms}",
                $"{pack.At("flow.yaml", "{adult}")}: question 'adult_involved': 'label' uses unknown placeholder '{{adult}}'; {Terms}",
                $"{pack.At("flow.yaml", "{people}")}: choice 'a_few' of question 'spread': 'title' uses unknown placeholder '{{people}}'; {Terms}",
                $"{pack.At("indicators.yaml", "{lead}")}: indicator 'many_viewers': 'because' uses unknown placeholder '{{lead}}'; {Terms}",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Braces_around_other_things_are_plain_text()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more: \"Use { } or {1} or {two words} freely.\"");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        Assert.NotNull(loaded);
    }

    [Fact]
    public void A_missing_text_is_reported_for_each_key_the_code_uses()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "more: More\n", string.Empty);
        pack.Replace("texts.yaml", "reminder: Your report isn't sent yet.\n", string.Empty);

        var (_, problems) = pack.Load();

        Assert.Equal(["texts.yaml:1:1: missing text 'reminder'", "texts.yaml:1:1: missing text 'more'"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_typo_in_a_text_key_is_a_missing_text_pointing_at_the_typo_and_a_warning()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "review.noFlags:", "review.noFlag:");

        var (_, problems) = pack.Load();

        var typo = pack.At("texts.yaml", "review.noFlag:");
        Assert.Equal(
            [
                $"texts.yaml:1:1: missing text 'review.noFlags'; 'review.noFlag' at line {typo.Split(':')[1]} looks like a typo of it",
                $"{typo}: warning: text 'review.noFlag' is not used by the bot (did you mean 'review.noFlags'?)",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_extra_text_is_only_a_warning_and_the_pack_loads()
    {
        using var pack = new PackFixture();
        pack.Write("texts.yaml", pack.Read("texts.yaml") + "extra.note: Not used yet.\n");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        var warning = Assert.Single(problems);
        Assert.Equal(ContentProblemSeverity.Warning, warning.Severity);
        Assert.Equal($"{pack.At("texts.yaml", "extra.note")}: warning: text 'extra.note' is not used by the bot", warning.ToString());
    }

    [Fact]
    public void Texts_may_be_nested_by_their_dotted_keys()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "cancel.confirm: Cancel this report?\ncancel.yes: Yes, cancel it\n", "cancel:\n  confirm: Cancel this report?\n  yes: Yes, cancel it\n");

        var (loaded, problems) = pack.Load();

        Assert.Empty(problems);
        Assert.Equal("Yes, cancel it", loaded!.Texts[TextKeys.CancelYes]);
    }

    [Fact]
    public void A_text_that_is_a_list_is_reported_as_such()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "welcome: Type **help** at any time to start.", "welcome: [Type help, to start]");

        pack.AssertSingleError($"{pack.At("texts.yaml", "[Type help")}: texts.yaml: 'welcome' must be text, not a list");
    }

    [Fact]
    public void An_unknown_text_that_is_a_list_or_empty_is_only_warned_of()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "welcome: Type **help** at any time to start.", "welcome: Type **help** at any time to start.\nfarewell: [Bye]\nsee_you:");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Equal(
            [
                $"{pack.At("texts.yaml", "farewell")}: warning: text 'farewell' is not used by the bot",
                $"{pack.At("texts.yaml", "see_you")}: warning: text 'see_you' is not used by the bot",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_empty_text_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "welcome: Type **help** at any time to start.", "welcome: \"\"");

        pack.AssertSingleError($"{pack.At("texts.yaml", "\"\"")}: texts.yaml has an empty 'welcome'");
    }

    [Fact]
    public void A_year_group_with_min_age_above_max_age_is_reported()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "minAge: 11, maxAge: 12", "minAge: 13, maxAge: 12");

        pack.AssertSingleError($"{pack.At("pack.yaml", "13, maxAge: 12")}: year group 'y7' has minAge 13 greater than maxAge 12");
    }

    [Fact]
    public void A_year_group_age_must_be_a_whole_number()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "minAge: 11, maxAge: 12", "minAge: eleven, maxAge: 12");

        pack.AssertSingleError($"{pack.At("pack.yaml", "eleven")}: year group 'y7': 'minAge' must be a whole number of at least 0, not 'eleven'");
    }

    [Fact]
    public void A_term_name_must_be_usable_as_a_placeholder()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "  dslShort: DSL\n", "  dslShort: DSL\n  head-teacher: Headteacher\n  time: Now\n");

        var (_, problems) = pack.Load();

        Assert.Equal(
            [
                "pack.yaml:7:3: term 'head-teacher' may only use letters, digits and '_', and must start with a letter",
                "pack.yaml:8:3: term 'time' clashes with the placeholder the bot uses for {time}; choose another name",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Settings_are_checked()
    {
        using var pack = new PackFixture();
        pack.Replace("pack.yaml", "reminderMinutes: 15", "reminderMinutes: soon");

        pack.AssertSingleError($"{pack.At("pack.yaml", "soon")}: settings: 'reminderMinutes' must be a whole number of at least 1, not 'soon'");
    }

    [Fact]
    public void A_contact_needs_a_phone_or_a_url()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "{ id: mash, role: Children's social care, phone: \"01234 000000\" }", "{ id: mash, role: Children's social care }");

        pack.AssertSingleError($"{pack.At("contacts.yaml", "{ id: mash")}: contact 'mash' needs a phone or a url (or both)");
    }

    [Fact]
    public void When_no_one_answers_may_list_only_known_contacts()
    {
        using var pack = new PackFixture();
        pack.Write("contacts.yaml", pack.Read("contacts.yaml") + "whenNoOneAnswers: [mash, polise]\n");

        pack.AssertSingleError($"{pack.At("contacts.yaml", "polise")}: whenNoOneAnswers lists unknown contact 'polise' (did you mean 'police'?); contacts are defined in contacts.yaml");
    }

    [Fact]
    public void A_contact_needs_a_role()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "    role: Designated Safeguarding Lead\n", string.Empty);

        pack.AssertSingleError("contacts.yaml:2:5: contact 'dsl' is missing 'role'");
    }

    [Fact]
    public void A_contact_url_must_be_a_web_address()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "\"https://report.iwf.org.uk/\"", "report.iwf.org.uk");

        pack.AssertSingleError($"{pack.At("contacts.yaml", "report.iwf.org.uk")}: contact 'iwf': 'url' 'report.iwf.org.uk' {NotAWebAddress}");
    }

    [Fact]
    public void A_placeholder_contact_is_a_warning_and_the_pack_loads()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "    notes: Tell them the same day.\n", "    notes: Tell them the same day.\n    placeholder: true\n");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.True(loaded.Contacts.Find("dsl")!.Placeholder);
        Assert.Equal(
            [$"{pack.At("contacts.yaml", "true")}: warning: contact 'dsl' still has sample details ('placeholder: true'); replace them with your own and remove that line"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_info_step_may_only_list_known_contacts()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "contacts: [police, dsl]", "contacts: [police, dls]");

        pack.AssertSingleError($"{pack.At("flow.yaml", "dls]")}: step 'danger_action' lists unknown contact 'dls' (did you mean 'dsl'?); contacts are defined in contacts.yaml");
    }

    [Fact]
    public void A_choice_question_needs_choices()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "      - id: pressure\n        type: multichoice\n        label: Any of these?\n        choices:\n          - { value: threats, title: Threats }\n          - { value: blackmail, title: Blackmail }\n", "      - id: pressure\n        type: multichoice\n        label: Any of these?\n");

        var (_, problems) = pack.Load();

        Assert.Equal(
            [$"{pack.At("flow.yaml", "id: pressure")}: question 'pressure' is missing 'choices'; a multichoice question needs choices"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_number_question_min_must_not_exceed_max()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        min: 3\n        max: 19\n", "        min: 20\n        max: 19\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "20")}: question 'age' has min 20 greater than max 19");
    }

    [Fact]
    public void A_choice_must_be_a_mapping_with_value_and_title()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "          - { value: friend_told, title: A friend told me }", "          - A friend told me");

        pack.AssertSingleError($"{pack.At("flow.yaml", "A friend told me")}: choice 2 of question 'came_to_attention' must be a mapping (key: value lines), not 'A friend told me'");
    }

    [Fact]
    public void A_boolean_must_be_true_or_false()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        verbatim: true", "        verbatim: yes");

        pack.AssertSingleError($"{pack.At("flow.yaml", "yes", after: "verbatim: ")}: question 'child_words': 'verbatim' must be true or false, not 'yes'");
    }

    [Fact]
    public void A_year_group_choice_that_is_not_a_pack_year_group_is_a_warning()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "          - { value: y10, title: Year 10 }", "          - { value: y10, title: Year 10 }\n          - { value: y11, title: Year 11 }");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Equal(
            [$"{pack.At("flow.yaml", "y11")}: warning: choice 'y11' of question 'year_group' in step 'children' is not a year group in pack.yaml (did you mean 'y10'?), so it gives no age for 'children.age'"],
            problems.Select(p => p.ToString()));
    }

    private const string NotAPhoneNumber = "is not a phone number: use digits, spaces, '+', round brackets and hyphens, with 3 to 15 digits (e.g. \"01234 567890\", \"+44 20 7946 0000\", \"999\" or \"116 123\"); a written (0) is not counted";

    [Fact]
    public void A_text_over_4000_characters_is_an_error_at_the_text()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more: " + new string('a', 4001));

        pack.AssertSingleError($"{pack.At("flow.yaml", "aaaa")}: step 'danger_action': 'more' is 4001 characters long; a text may have at most 4000, because Teams refuses a message over about 28 KB; shorten it or split it");
    }

    [Fact]
    public void A_text_of_4000_characters_is_fine()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", "    more: " + new string('a', 4000));

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Empty(problems);
    }

    [Fact]
    public void The_length_limit_covers_texts_yaml_points_and_contact_notes()
    {
        using var pack = new PackFixture();
        pack.Replace("texts.yaml", "dsl.help: Say open reports.", "dsl.help: " + new string('h', 4100));
        pack.Replace("flow.yaml", "      - Don't view it.", "      - " + new string('p', 4002));
        pack.Replace("contacts.yaml", "    notes: Tell them the same day.", "    notes: " + new string('n', 4003));

        var (_, problems) = pack.Load();

        Assert.Equal(
            [
                $"{pack.At("contacts.yaml", "nnnn")}: contact 'dsl': 'notes' is 4003 characters long; a text may have at most 4000, because Teams refuses a message over about 28 KB; shorten it or split it",
                $"{pack.At("texts.yaml", "hhhh")}: text 'dsl.help' is 4100 characters long; a text may have at most 4000, because Teams refuses a message over about 28 KB; shorten it or split it",
                $"{pack.At("flow.yaml", "pppp")}: step 'images_warning': 'points' is 4002 characters long; a text may have at most 4000, because Teams refuses a message over about 28 KB; shorten it or split it",
            ],
            problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("999")]
    [InlineData("101")]
    [InlineData("116 123")]
    [InlineData("0800 1111")]
    [InlineData("+44 (0)20 7946 0000")]
    [InlineData("(01234) 567-890")]
    [InlineData("+353 1 234 5678")]
    public void Phone_numbers_in_their_usual_forms_are_fine(string phone)
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "phone: \"01234 000000\"", $"phone: \"{phone}\"");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Empty(problems);
        Assert.Equal(phone, loaded.Contacts.Find("mash")!.Phone);
    }

    [Theory]
    [InlineData("\"call the office\"")]
    [InlineData("\"12\"")]
    [InlineData("-12")]
    [InlineData("1234567890123456")]
    [InlineData("\"0800 1111 ext 2\"")]
    [InlineData("\"01234 567890 / 01234 567891\"")]
    [InlineData("\"+44 20 7946 0000 0000 0000\"")]
    [InlineData("\"01234 56789O\"")]
    [InlineData("\"(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)(0)x\"")]
    public void A_phone_that_is_not_a_phone_number_is_an_error_saying_what_is_expected(string phone)
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "phone: \"01234 000000\"", $"phone: {phone}");

        pack.AssertSingleError($"{pack.At("contacts.yaml", phone)}: contact 'mash': 'phone' '{YamlShort(phone.Trim('"'))}' {NotAPhoneNumber}");
    }

    private static string YamlShort(string text) => text.Length <= 40 ? text : text[..37] + "...";

    [Fact]
    public void A_sample_phone_in_brackets_needs_placeholder_true()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "phone: \"01234 000000\"", "phone: \"[MASH phone]\"");

        pack.AssertSingleError($"{pack.At("contacts.yaml", "\"[MASH phone]\"")}: contact 'mash': 'phone' '[MASH phone]' is a sample value in [brackets], which needs 'placeholder: true'");
    }

    [Fact]
    public void A_sample_phone_in_brackets_on_a_placeholder_contact_is_only_the_placeholder_warning()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "phone: \"01234 000000\" }", "phone: \"[MASH phone, or 101]\", placeholder: true }");

        var (loaded, problems) = pack.Load();

        Assert.NotNull(loaded);
        Assert.Equal(
            [$"{pack.At("contacts.yaml", "true")}: warning: contact 'mash' still has sample details ('placeholder: true'); replace them with your own and remove that line"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_placeholder_contact_phone_that_is_neither_a_number_nor_a_bracketed_sample_is_an_error()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "phone: \"01234 000000\" }", "phone: TBC, placeholder: true }");

        var (_, problems) = pack.Load();

        Assert.Equal($"{pack.At("contacts.yaml", "TBC")}: contact 'mash': 'phone' 'TBC' {NotAPhoneNumber}", problems.Single(p => p.IsError).ToString());
    }

    [Theory]
    [InlineData("ftp://report.iwf.org.uk/")]
    [InlineData("https://report.iwf.org.uk/report page")]
    [InlineData("https://-iwf-.org.uk/")]
    public void A_contact_url_must_be_a_whole_web_address(string url)
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "\"https://report.iwf.org.uk/\"", $"\"{url}\"");

        pack.AssertSingleError($"{pack.At("contacts.yaml", $"\"{url}\"")}: contact 'iwf': 'url' '{url}' {NotAWebAddress}");
    }

    private const string NotAWebAddress = "is not a whole web address: expected one such as https://www.nspcc.org.uk/, starting with https://, with a host name and no spaces (write a space as %20)";
}
