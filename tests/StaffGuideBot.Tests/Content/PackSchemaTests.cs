using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// The JSON Schemas in dialogs/schema, which give editors (VS Code with the YAML extension) completion and inline
/// errors: every pack in dialogs passes, typical mistakes are caught, partial files of a pack that extends another
/// pass, and the schemas keep up with the loader.
/// </summary>
public sealed partial class PackSchemaTests
{
    private static readonly string[] FileNames = ["pack", "contacts", "texts", "flow", "indicators"];

    /// <summary>Every file of every pack in dialogs/ (a pack that extends another has only some of them), as pack and file.</summary>
    public static TheoryData<string, string> EveryPackFile
    {
        get
        {
            var data = new TheoryData<string, string>();
            var packs = Directory.GetDirectories(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs"))
                .Where(folder => File.Exists(Path.Combine(folder, "pack.yaml")))
                .Order(StringComparer.Ordinal);
            foreach (var pack in packs)
            {
                foreach (var file in FileNames.Where(f => File.Exists(Path.Combine(pack, f + ".yaml"))))
                {
                    data.Add(Path.GetFileName(pack), file);
                }
            }

            return data;
        }
    }

    private static string SchemaFolder => Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "schema");

    private static string EnglandFolder => Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");

    [Fact]
    public void The_england_pack_has_every_file()
    {
        Assert.Equal(FileNames.Length, EveryPackFile.Count(row => (string)row[0] == "england"));
    }

    [Theory]
    [MemberData(nameof(EveryPackFile))]
    public void Every_file_of_every_pack_validates_against_its_schema(string pack, string file)
    {
        var problems = Validate(file, File.ReadAllText(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", pack, file + ".yaml")));

        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(EveryPackFile))]
    public void Every_file_of_every_pack_names_its_schema_on_its_first_line_as_a_comment(string pack, string file)
    {
        var firstLine = File.ReadLines(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", pack, file + ".yaml")).First();

        Assert.Equal($"# yaml-language-server: $schema=../schema/{file}.schema.json", firstLine);
    }

    [Theory]
    [InlineData("an unknown step type", "flow", "steps:\n  - { id: a, type: infoo, text: Hello }\n  - { id: r, type: review }\n")]
    [InlineData("a misspelt key on a question", "flow", "steps:\n  - id: a\n    type: question\n    question: { id: q, type: yesno, label: Sure?, requird: true }\n  - { id: r, type: review }\n")]
    [InlineData("a question without label", "flow", "steps:\n  - id: a\n    type: question\n    question: { id: q, type: yesno }\n  - { id: r, type: review }\n")]
    [InlineData("a key of another step type", "flow", "steps:\n  - { id: a, type: info, text: Hello, confirm: OK }\n  - { id: r, type: review }\n")]
    [InlineData("a key of another question type", "flow", "steps:\n  - id: a\n    type: question\n    question: { id: q, type: yesno, label: Sure?, choices: [{ value: a, title: A }] }\n  - { id: r, type: review }\n")]
    [InlineData("a choice question without choices", "flow", "steps:\n  - id: a\n    type: question\n    question: { id: q, type: choice, label: Which? }\n  - { id: r, type: review }\n")]
    [InlineData("an id with a space", "flow", "steps:\n  - { id: step one, type: info, text: Hello }\n  - { id: r, type: review }\n")]
    [InlineData("yes as a boolean", "flow", "steps:\n  - id: a\n    type: question\n    question: { id: q, type: text, label: Name?, required: yes }\n  - { id: r, type: review }\n")]
    [InlineData("a showIf with no test", "flow", "steps:\n  - { id: a, type: info, text: Hello, showIf: { answer: q } }\n  - { id: r, type: review }\n")]
    [InlineData("a showIf with two tests", "flow", "steps:\n  - { id: a, type: info, text: Hello, showIf: { answer: q, is: \"yes\", in: [\"no\"] } }\n  - { id: r, type: review }\n")]
    [InlineData("a review step with showIf", "flow", "steps:\n  - { id: r, type: review, showIf: { answer: q, is: \"yes\" } }\n")]
    [InlineData("an indicator kind of urgent", "indicators", "indicators:\n  - { id: a, kind: urgent, title: T, because: b, when: { answer: q, is: \"yes\" } }\n")]
    [InlineData("a condition with no test", "indicators", "indicators:\n  - { id: a, kind: fivePoint, title: T, because: b, when: { answer: q } }\n")]
    [InlineData("a condition mixing all and answer", "indicators", "indicators:\n  - { id: a, kind: fivePoint, title: T, because: b, when: { answer: q, all: [{ answer: q, is: \"yes\" }] } }\n")]
    [InlineData("a misspelt key in an override step", "flow", "steps:\n  - { id: facts, titel: Just the facts }\n")]
    [InlineData("a type in an override step that is not a step type", "flow", "steps:\n  - { id: facts, type: infoo, title: Just the facts }\n")]
    [InlineData("a misspelt key in an override question", "flow", "steps:\n  - id: what_happened\n    fields:\n      - { id: child_words, labl: Their words }\n")]
    [InlineData("remove: false", "flow", "steps:\n  - { id: facts, remove: false }\n")]
    [InlineData("remove with other keys", "flow", "steps:\n  - { id: facts, remove: true, title: Facts }\n")]
    [InlineData("a misspelt key in an override contact", "contacts", "school:\n  - { id: dsl, phon: \"0131 496 0000\" }\n")]
    [InlineData("a misspelt key in an override indicator", "indicators", "indicators:\n  - { id: adult_involved, titel: An adult }\n")]
    [InlineData("extends as a path", "pack", "id: scotland\nname: Scotland\nextends: ../england\n")]
    [InlineData("an extending pack without name", "pack", "id: scotland\nextends: england\n")]
    [InlineData("a misspelt contact key", "contacts", "national:\n  - { id: a, role: Helpline, phone: \"101\", note: typo }\n")]
    [InlineData("an empty role", "contacts", "national:\n  - { id: a, role: \"\", phone: \"101\" }\n")]
    [InlineData("a pack without name", "pack", "id: england\n")]
    [InlineData("a misspelt setting", "pack", "id: england\nname: England\nsettings: { reminderMinute: 20 }\n")]
    [InlineData("reminderMinutes of zero", "pack", "id: england\nname: England\nsettings: { reminderMinutes: 0 }\n")]
    [InlineData("a term named like a runtime placeholder", "pack", "id: england\nname: England\nterms: { reference: Ref }\n")]
    [InlineData("a year group without ages", "pack", "id: england\nname: England\nyearGroups:\n  - { value: y7, title: Year 7 }\n")]
    [InlineData("a misspelt text key", "texts", "menu.titel: Hello\n")]
    [InlineData("an empty text", "texts", "menu.title: \"\"\n")]
    public void Typical_mistakes_are_rejected(string mistake, string file, string yaml)
    {
        var problems = Validate(file, yaml);

        Assert.True(problems.Count > 0, $"{mistake} should be rejected by {file}.schema.json");
    }

    [Fact]
    public void An_unknown_step_type_is_reported_as_such()
    {
        var problems = Validate("flow", "steps:\n  - { id: a, type: infoo, text: Hello }\n  - { id: r, type: review }\n");

        Assert.Contains(problems, p => p.Contains("unknown type 'infoo'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("contacts", "national:\n  - { id: a, role: Helpline, url: \"https://example.org/\" }\n  - { id: b, role: Police, phone: 101 }\n")]
    [InlineData("flow", "steps:\n  - id: a\n    type: question\n    question: { id: on, type: toggle, label: On? }\n  - { id: b, type: info, text: Hi, showIf: { not: { answer: on, is: true } } }\n  - { id: r, type: review }\n")]
    [InlineData("indicators", "indicators:\n  - { id: a, kind: aggravating, title: T, because: b, when: { answer: children, anyItem: { answer: age, lessThan: 13 } } }\n")]
    [InlineData("texts", "menu:\n  title: Hello\n  report: Report\nwelcome: Hi\n")]
    [InlineData("pack", "id: wales\nname: Wales\nterms: { dsl_short: DSL }\nsettings: { reminderMinutes: 5 }\n")]
    public void What_the_loader_accepts_is_not_flagged(string file, string yaml)
    {
        Assert.Empty(Validate(file, yaml));
    }

    /// <summary>
    /// A pack that extends another gives only what differs, so the schemas ask only for ids of list items; the
    /// loader checks that the merged result is complete (ExtendsTests).
    /// </summary>
    [Theory]
    [InlineData("pack", "id: scotland\nname: Scotland\nextends: england\n")]
    [InlineData("texts", "menu.title: Worried about a photo?\nreceipt:\n  title: Sent\n")]
    [InlineData("flow", "steps:\n  - { id: facts, title: Just the facts }\n  - { id: seen_check, remove: true }\n  - id: attention\n    fields:\n      - { id: child_words, label: Their words }\n      - { id: when_time, remove: true }\n  - { id: local_advice, type: info, text: Phone the local team. }\n")]
    [InlineData("contacts", "school:\n  - { id: dsl, phone: \"0131 496 0000\" }\nlocal:\n  - { id: mash, remove: true }\n  - { id: hub, role: Local hub, phone: \"0131 496 0001\" }\n")]
    [InlineData("indicators", "indicators:\n  - { id: shared_widely, title: Shared with many people }\n  - { id: many_viewers, remove: true }\n")]
    public void Partial_override_files_of_a_pack_that_extends_another_validate(string file, string yaml)
    {
        Assert.Empty(Validate(file, yaml));
    }

    [Fact]
    public void The_texts_schema_lists_exactly_the_text_keys_the_bot_uses()
    {
        var listed = JsonSchemaFiles.LoadFile(SchemaPath("texts")).Properties.Keys.Order(StringComparer.Ordinal);

        Assert.Equal(TextKeysTests.All.Order(StringComparer.Ordinal), listed);
    }

    [Fact]
    public void Every_property_has_a_description_for_the_editor_hover()
    {
        var missing = new List<string>();
        foreach (var path in Directory.GetFiles(SchemaFolder, "*.schema.json"))
        {
            FindUndescribed(JObject.Parse(File.ReadAllText(path)), Path.GetFileName(path), missing);
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void The_england_pack_with_its_schema_comments_still_loads()
    {
        var (pack, problems) = ContentPackLoader.TryLoad(EnglandFolder);

        Assert.DoesNotContain(problems, p => p.Severity == ContentProblemSeverity.Error);

        Assert.Equal("england", pack?.Id);
    }

    private static string SchemaPath(string file) => Path.Combine(SchemaFolder, file + ".schema.json");

    private static List<string> Validate(string file, string yaml) =>
        JsonSchemaFiles.Validate(JsonSchemaFiles.LoadFile(SchemaPath(file)), ToJson(yaml));

    private static void FindUndescribed(JToken token, string where, List<string> missing)
    {
        if (token is JObject obj)
        {
            if (obj["properties"] is JObject properties)
            {
                foreach (var (name, value) in properties)
                {
                    if (value is JObject property && property["description"] is null)
                    {
                        missing.Add($"{where}: {name}");
                    }
                }
            }

            foreach (var (_, value) in obj)
            {
                FindUndescribed(value!, where, missing);
            }
        }
        else if (token is JArray array)
        {
            foreach (var item in array)
            {
                FindUndescribed(item, where, missing);
            }
        }
    }

    /// <summary>
    /// YAML to JSON as the YAML language server sees it (YAML 1.2 core schema): plain true/false are booleans, plain
    /// numbers are numbers, plain null/~/nothing is null, and every quoted or block scalar ("yes", |-) is a string.
    /// </summary>
    private static JToken ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JObject(mapping.Children.Select(c => new JProperty(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
        YamlScalarNode scalar => SchemaBinding.Scalar(scalar),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };
}
