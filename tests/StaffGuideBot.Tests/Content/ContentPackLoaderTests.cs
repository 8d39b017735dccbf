using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

public class ContentPackLoaderTests
{
    private static ContentPack LoadMinimal() => ContentPackLoader.Load(PackFixture.PathOf("minimal"));

    [Fact]
    public void The_minimal_pack_loads_with_no_problems_at_all()
    {
        var (pack, problems) = ContentPackLoader.TryLoad(PackFixture.PathOf("minimal"));

        Assert.Empty(problems);
        Assert.NotNull(pack);
    }

    [Fact]
    public void Pack_yaml_gives_the_id_name_terms_typed_words_year_groups_and_settings()
    {
        var pack = LoadMinimal();

        Assert.Equal("testland", pack.Id);
        Assert.Equal("Testland", pack.Name);
        Assert.Equal("Designated Safeguarding Lead", pack.Terms["dsl"]);
        Assert.Equal("DSL", pack.Terms["dslShort"]);
        Assert.Equal(["Carry On", "next"], pack.Words.Continue);
        Assert.Equal(["cancel"], pack.Words.Cancel);
        Assert.Empty(pack.Words.Send);
        Assert.Equal(["y6", "y7", "y8", "y9", "y10"], pack.YearGroups.Select(g => g.Value));
        var y7 = pack.YearGroups[1];
        Assert.Equal(("Year 7", 11, 12), (y7.Title, y7.MinAge, y7.MaxAge));
        Assert.Equal(15, pack.Settings.ReminderMinutes);
    }

    [Fact]
    public void Contacts_keep_their_group_and_details()
    {
        var contacts = LoadMinimal().Contacts;

        var dsl = Assert.Single(contacts.School);
        Assert.Equal(("dsl", "Designated Safeguarding Lead", "Sam Jones", "01234 567890", "Tell them the same day."), (dsl.Id, dsl.Role, dsl.Name, dsl.Phone, dsl.Notes));
        Assert.False(dsl.Placeholder);
        Assert.Equal(["mash"], contacts.Local.Select(c => c.Id));
        Assert.Equal(["police", "iwf"], contacts.National.Select(c => c.Id));
        Assert.Equal("999", contacts.Find("police")!.Phone);
        Assert.Equal("https://report.iwf.org.uk/", contacts.Find("iwf")!.Url);
        Assert.Null(contacts.Find("iwf")!.Phone);
    }

    [Fact]
    public void Texts_hold_every_key_the_code_uses_with_placeholders_left_unfilled()
    {
        var texts = LoadMinimal().Texts;

        Assert.Equal(TextKeysTests.All.Order(StringComparer.Ordinal), texts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Your report {reference} was sent to the {dslShort}.", texts[TextKeys.ReceiptText]);
        Assert.Equal("I'll help you record it and send it to the {dsl} ({dslShort}).\n\n**If a child is in danger right now, call 999.**", texts[TextKeys.MenuText]);
    }

    [Fact]
    public void Steps_are_mapped_by_type_in_order()
    {
        var steps = LoadMinimal().Steps;

        Assert.Equal(
            [StepType.Question, StepType.Info, StepType.Acknowledge, StepType.Form, StepType.Repeat, StepType.Form, StepType.Info, StepType.Review],
            steps.Select(s => s.Type));

        var info = steps[1];
        Assert.Equal(("danger_action", "urgent", "Act now", "I've done that"), (info.Id, info.Style, info.Title, info.Continue));
        Assert.Equal("Call 999, then phone the {dslShort} on {contact.dsl.phone}.", info.Text);
        Assert.Equal("Stay with the child if it is safe to.", info.More);
        Assert.Equal(["police", "dsl"], info.Contacts);
        var showIf = Assert.IsType<AnswerCondition>(info.ShowIf);
        Assert.Equal("immediate_danger", showIf.Answer);
        Assert.Equal(["yes", "unsure"], showIf.In!);

        var acknowledge = steps[2];
        Assert.Equal(["Don't view it.", "Don't send it to the {dslShort}."], acknowledge.Points);
        Assert.Equal("I understand", acknowledge.Confirm);

        var repeat = steps[4];
        Assert.Equal(("child", "Save and add another child", 5, "Save this child"), (repeat.ItemName, repeat.AddAnother, repeat.Max, repeat.Submit));
        Assert.Equal(["name", "age", "year_group", "role"], repeat.Fields.Select(f => f.Id));
        Assert.Null(repeat.ShowIf);
    }

    [Fact]
    public void Questions_carry_their_type_specific_settings()
    {
        var questions = LoadMinimal().Steps.SelectMany(s => s.Questions).ToDictionary(q => q.Id);

        var danger = questions["immediate_danger"];
        Assert.Equal((QuestionType.YesNo, true, true), (danger.Type, danger.Required, danger.AllowUnsure));
        Assert.False(questions["adult_involved"].AllowUnsure);

        var words = questions["child_words"];
        Assert.Equal((QuestionType.LongText, true, 4000, "Their exact words"), (words.Type, words.Verbatim, words.MaxLength, words.Placeholder));

        var age = questions["age"];
        Assert.Equal((QuestionType.Number, 3m, 19m), (age.Type, age.Min, age.Max));

        var attention = questions["came_to_attention"];
        Assert.Equal(QuestionType.Choice, attention.Type);
        Assert.Equal(["child_told", "friend_told"], attention.Choices.Select(c => c.Value));
        Assert.Equal(["disclosure", "they told me"], attention.Choices[0].Synonyms);
        Assert.Equal("The child told me", attention.Choices[0].Title);

        Assert.Equal(
            [QuestionType.Date, QuestionType.Time, QuestionType.Toggle, QuestionType.MultiChoice, QuestionType.Text],
            new[] { "when_date", "when_time", "parents_know", "role", "name" }.Select(id => questions[id].Type));
    }

    [Fact]
    public void Nested_conditions_and_indicators_are_mapped()
    {
        var pack = LoadMinimal();

        var any = Assert.IsType<AnyCondition>(pack.Steps[6].ShowIf);
        Assert.Equal(3, any.Conditions.Count);
        var anyItem = Assert.IsType<AnswerCondition>(any.Conditions[2]);
        Assert.Equal("children", anyItem.Answer);
        var inner = Assert.IsType<AnswerCondition>(anyItem.AnyItem);
        Assert.Equal(("role", "shown"), (inner.Answer, inner.Contains));

        Assert.Equal(["adult_involved", "shared_widely", "sexual_acts_under_13", "many_viewers"], pack.Indicators.Select(i => i.Id));
        var under13 = pack.Indicators[2];
        Assert.Equal((IndicatorKind.FivePoint, "Sexual acts and a child under 13"), (under13.Kind, under13.Title));
        var all = Assert.IsType<AllCondition>(under13.When);
        var age = Assert.IsType<AnswerCondition>(all.Conditions[1]);
        Assert.Equal(("children.age", 13m), (age.Answer, age.LessThan));
        Assert.Equal(10m, Assert.IsType<AnswerCondition>(pack.Indicators[3].When).GreaterThan);
        Assert.Equal(IndicatorKind.Aggravating, pack.Indicators[1].Kind);
    }

    [Fact]
    public void The_version_is_eight_hex_digits_and_the_same_for_the_same_files_anywhere()
    {
        using var copy = new PackFixture();

        var version = LoadMinimal().Version;

        Assert.Matches("^[0-9a-f]{8}$", version);
        Assert.Equal(version, ContentPackLoader.Load(copy.Folder).Version);
        Assert.Equal(version, ContentPackLoader.TryLoad(Snapshot(copy.Folder, "school"), "school", "school").Pack?.Version);
    }

    [Theory]
    [InlineData("pack.yaml")]
    [InlineData("contacts.yaml")]
    [InlineData("texts.yaml")]
    [InlineData("flow.yaml")]
    [InlineData("indicators.yaml")]
    public void The_version_changes_when_any_pack_file_changes(string file)
    {
        using var copy = new PackFixture();
        var before = ContentPackLoader.Load(copy.Folder).Version;

        copy.Write(file, copy.Read(file) + "# edited\n");

        Assert.NotEqual(before, ContentPackLoader.Load(copy.Folder).Version);
    }

    [Fact]
    public void The_version_ignores_other_files_in_the_folder()
    {
        using var copy = new PackFixture();
        var before = ContentPackLoader.Load(copy.Folder).Version;

        copy.Write("README.md", "Notes for the school.");
        copy.Write("notes.json", "{}");

        Assert.Equal(before, ContentPackLoader.Load(copy.Folder).Version);
    }

    [Fact]
    public void The_version_depends_on_which_file_holds_the_bytes()
    {
        using var one = new PackFixture();
        using var other = new PackFixture();
        one.Write("pack.yaml", one.Read("pack.yaml") + "# x\n");
        other.Write("texts.yaml", other.Read("texts.yaml") + "# x\n");

        Assert.NotEqual(ContentPackLoader.Load(one.Folder).Version, ContentPackLoader.Load(other.Folder).Version);
    }

    [Fact]
    public void Load_refuses_a_broken_pack_with_an_exception_listing_every_problem()
    {
        using var copy = new PackFixture();
        copy.Replace("flow.yaml", "type: repeat", "type: repat");
        copy.Replace("pack.yaml", "name: Testland", "nam: Testland");
        var typeAt = copy.At("flow.yaml", "repat");

        var ex = Assert.Throws<ContentPackException>(() => ContentPackLoader.Load(copy.Folder));

        Assert.Equal(
            $"The content pack in '{copy.Folder}' has 3 errors:\n"
            + "pack.yaml:2:1: the pack is missing 'name'\n"
            + "pack.yaml:3:1: the pack has unknown key 'nam' (did you mean 'name'?); expected one of id, name, extends, terms, words, yearGroups, settings\n"
            + $"{typeAt}: step 'children' has unknown type 'repat' (did you mean 'repeat'?); expected one of info, acknowledge, question, form, repeat, review",
            ex.Message);
        Assert.Equal(3, ex.Problems.Count);
        Assert.Equal(copy.Folder, ex.Folder);
    }

    [Fact]
    public void Problems_print_as_file_line_column_message_and_warnings_say_so()
    {
        var error = new ContentProblem { File = "flow.yaml", Line = 42, Column = 7, Message = "step 'x' is wrong" };
        var warning = error with { Severity = ContentProblemSeverity.Warning };
        var missing = new ContentProblem { File = "flow.yaml", Message = "the file is missing" };

        Assert.Equal("flow.yaml:42:7: step 'x' is wrong", error.ToString());
        Assert.Equal("flow.yaml:42:7: warning: step 'x' is wrong", warning.ToString());
        Assert.Equal("flow.yaml: the file is missing", missing.ToString());
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_reported()
    {
        using var temp = new TempDirectory();
        var folder = temp.Combine("nowhere");

        var (pack, problems) = ContentPackLoader.TryLoad(folder);

        Assert.Null(pack);
        Assert.Equal([$"{folder}: the content pack folder does not exist"], problems.Select(p => p.ToString()));
    }

    /// <summary>The files of <paramref name="folder"/> as the library keeps a version in storage, as pack folder <paramref name="name"/>.</summary>
    private static ContentFiles Snapshot(string folder, string name)
    {
        var files = new JsonObject();
        foreach (var file in Directory.GetFiles(folder))
        {
            files[$"{name}/{Path.GetFileName(file)}"] = Convert.ToBase64String(File.ReadAllBytes(file));
        }

        return ContentFiles.FromJson(new JsonObject { ["files"] = files });
    }
}
