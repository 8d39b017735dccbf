using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// The loader checks each pack file against its JSON Schema (dialogs/schema, shipped with the app),
/// reporting what only the schema catches at the YAML node's line and column, and nothing the loader already said.
/// </summary>
public class PackSchemaCheckTests
{
    private const string QuestionRequired = "      label: Could a child be in danger right now?\n      required: true\n";

    [Fact]
    public void A_mistake_only_the_schema_catches_is_reported_at_its_line_and_column()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", QuestionRequired, "      label: Could a child be in danger right now?\n      required: \"true\"\n");

        pack.AssertSingleError($"{pack.At("flow.yaml", "\"true\"")}: question 'immediate_danger': 'required' must be true or false, not \"true\", which the quotes make text");
    }

    [Fact]
    public void What_a_pack_never_takes_from_the_pack_it_extends_is_marked_in_the_schema()
    {
        Assert.Equal(["id", "name", "extends"], PackSchema.NotInherited());
    }

    [Fact]
    public void The_schemas_ship_with_the_app_as_they_are_in_dialogs_schema()
    {
        var source = Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "schema");
        var names = Directory.GetFiles(source, "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(names, Directory.GetFiles(PackSchema.Folder, "*.schema.json").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(names, n => Assert.Equal(File.ReadAllText(Path.Combine(source, n!)), File.ReadAllText(Path.Combine(PackSchema.Folder, n!))));
    }

    [Fact]
    public void A_wrong_type_deep_in_the_flow_is_reported_with_its_path_and_how_yaml_read_it()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: Act now", "    title: true");
        pack.Replace("flow.yaml", "        maxLength: 4000", "        maxLength: \"4000\"");

        var (_, problems) = pack.Load();

        Assert.Equal(
            [
                $"{pack.At("flow.yaml", "true", after: "title: ")}: step 'danger_action': 'title' must be text, not true, which YAML reads as true or false; put it in quotes to make it text",
                $"{pack.At("flow.yaml", "\"4000\"")}: question 'child_words': 'maxLength' must be a whole number of at least 1, not \"4000\", which the quotes make text",
            ],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_mistake_the_loader_reports_is_not_reported_again_by_the_schema()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "        verbatim: true", "        verbatim: true\n        requird: true");

        pack.AssertSingleError($"{pack.At("flow.yaml", "requird")}: question 'child_words' has unknown key 'requird' (did you mean 'required'?); expected one of id, type, label, required, showIf, placeholder, verbatim, maxLength");
    }

    [Fact]
    public void Missing_required_keys_are_left_to_the_loader()
    {
        using var pack = new PackFixture();
        pack.Replace("contacts.yaml", "    role: Designated Safeguarding Lead\n", string.Empty);

        pack.AssertSingleError("contacts.yaml:2:5: contact 'dsl' is missing 'role'");
    }

    [Fact]
    public void The_england_pack_has_no_schema_problems()
    {
        var england = Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");
        Assert.True(File.Exists(Path.Combine(PackSchema.Folder, "flow.schema.json")));

        var (pack, problems) = ContentPackLoader.TryLoad(england + Path.DirectorySeparatorChar);

        Assert.NotNull(pack);
        Assert.DoesNotContain(problems, p => p.Message.Contains("(schema/", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Equal(ContentProblemSeverity.Warning, p.Severity));
    }

    [Fact]
    public void A_schema_folder_beside_the_pack_is_not_needed_the_app_s_schemas_are_always_used()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "    title: Act now", "    title: true");
        Assert.False(Directory.Exists(Path.Combine(pack.Folder, "..", PackSchema.FolderName)) && File.Exists(Path.Combine(pack.Folder, "..", PackSchema.FolderName, "flow.schema.json")));

        var (loaded, problems) = pack.Load();

        Assert.Null(loaded);
        Assert.Equal($"{pack.At("flow.yaml", "true", after: "title: ")}: step 'danger_action': 'title' must be text, not true, which YAML reads as true or false; put it in quotes to make it text", Assert.Single(problems).ToString());
    }

    [Fact]
    public void The_step_and_question_types_and_their_keys_come_from_the_schema()
    {
        var flow = PackSchema.Schema("flow.schema.json");
        var steps = PackSchema.Types(flow.Definitions["step"]);
        var questions = PackSchema.Types(flow.Definitions["question"]);

        Assert.Equal(["info", "acknowledge", "question", "form", "repeat", "review"], steps.Select(s => s.Type));
        Assert.Equal(["id", "type", "title", "showIf", "text", "more", "contacts", "style", "continue"], steps[0].Schema.ActualProperties.Keys);
        Assert.Equal(["id", "type", "title", "text"], steps[^1].Schema.ActualProperties.Keys);
        Assert.Equal(["text", "longtext", "choice", "multichoice", "yesno", "number", "date", "time", "toggle"], questions.Select(q => q.Type));
        Assert.Equal(Enum.GetNames<StepType>().Select(n => n.ToLowerInvariant()), steps.Select(s => s.Type));
        Assert.Equal(Enum.GetNames<QuestionType>().Select(n => n.ToLowerInvariant()), questions.Select(q => q.Type));
    }

    [Fact]
    public void Keys_enums_and_conditions_come_from_the_schema()
    {
        Assert.Equal(["id", "name", "extends", "terms", "words", "yearGroups", "settings"], PackSchema.Keys("pack.schema.json", "#"));
        Assert.Equal(["id", "role", "name", "phone", "url", "notes", "placeholder"], PackSchema.Keys("contacts.schema.json", "#/definitions/contact"));
        Assert.Equal(["fivePoint", "aggravating"], PackSchema.Schema("indicators.schema.json").Definitions["indicator"].ActualProperties["kind"].ActualSchema.Enumeration);
        Assert.Equal(["answer", "is", "in", "contains", "answered", "lessThan", "greaterThan", "anyItem", "all", "any", "not"], PackSchema.Keys("common.schema.json", "#/definitions/condition"));
        Assert.Equal(["anyItem", "not", "possible", "showIf", "when"], PackSchema.KeysOfDefinition("condition").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Which_values_are_texts_comes_from_the_schema_so_a_text_list_such_as_synonyms_is_checked_too()
    {
        using var pack = new PackFixture();
        pack.Replace("flow.yaml", "synonyms: [disclosure, they told me]", "synonyms: [disclosure, \"{dslShrt} was told\"]");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.Message.StartsWith("choice 'child_told' of question", StringComparison.Ordinal) && p.Message.Contains("'synonyms' uses unknown placeholder '{dslShrt}'", StringComparison.Ordinal));
    }
}
