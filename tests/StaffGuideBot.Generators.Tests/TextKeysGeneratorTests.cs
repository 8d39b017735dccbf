using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StaffGuideBot.Generators;

namespace StaffGuideBot.Generators.Tests;

/// <summary>The TextKeys generator run by the compiler's own driver on small schemas, as the build runs it.</summary>
public sealed class TextKeysGeneratorTests
{
    private const string SchemaPath = "/pack/schema/texts.schema.json";

    [Fact]
    public void Each_property_becomes_a_documented_constant_named_by_the_PascalCase_of_its_dotted_parts()
    {
        const string schema = """
            {
              "properties": {
                "menu.title": { "description": "The menu's <b>title</b> & more" },
                "dsl.openReports.title": { "description": "Heads the list." },
                "welcome": {}
              }
            }
            """;

        var (output, diagnostics) = Run(new SchemaFile(SchemaPath, schema));

        Assert.Empty(diagnostics);
        // Well-formed doc comments (CS1570 otherwise); welcome has no description, so no doc comment (CS1591).
        Assert.Equal(["CS1591"], output.GetDiagnostics().Select(d => d.Id));
        var type = output.GetTypeByMetadataName("StaffGuideBot.Guidance.Content.TextKeys")!;
        Assert.True(type.IsStatic);
        var constants = type.GetMembers().OfType<IFieldSymbol>().ToList();
        Assert.Equal(
            [("MenuTitle", "menu.title"), ("DslOpenReportsTitle", "dsl.openReports.title"), ("Welcome", "welcome")],
            constants.Select(c => (c.Name, (string)c.ConstantValue!)));
        Assert.All(constants, c => Assert.Equal(Accessibility.Public, c.DeclaredAccessibility));
        Assert.Equal("The menu's <b>title</b> & more", Summary(constants[0]));
        Assert.Equal("Heads the list.", Summary(constants[1]));
        Assert.Empty(constants[2].GetDocumentationCommentXml()!);
    }

    [Fact]
    public void Broken_json_is_an_error_at_its_line_and_nothing_is_generated()
    {
        const string schema = "{\n  \"properties\": {\n    \"menu.title\": {}\n    \"welcome\": {}\n  }\n}\n";

        var (output, diagnostics) = Run(new SchemaFile(SchemaPath, schema));

        var error = Assert.Single(diagnostics);
        Assert.Equal(("SGB001", DiagnosticSeverity.Error), (error.Id, error.Severity));
        Assert.StartsWith("texts.schema.json is not valid JSON: ", error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal((SchemaPath, 3), (error.Location.GetLineSpan().Path, error.Location.GetLineSpan().StartLinePosition.Line));
        Assert.Null(output.GetTypeByMetadataName("StaffGuideBot.Guidance.Content.TextKeys"));
    }

    [Theory]
    [InlineData("[]", "texts.schema.json has no \"properties\" object listing the text keys")]
    [InlineData("{ \"type\": \"object\" }", "texts.schema.json has no \"properties\" object listing the text keys")]
    [InlineData("{ \"properties\": { \"menu-title\": {} } }", "text key \"menu-title\" makes no C# name (\"Menu-title\"): write a key as words of letters and digits joined by dots")]
    [InlineData("{ \"properties\": { \"menu.title\": {}, \"menuTitle\": {} } }", "text keys \"menu.title\" and \"menuTitle\" both make the constant MenuTitle")]
    public void A_schema_that_gives_no_keys_is_an_error_saying_why(string schema, string message)
    {
        var (output, diagnostics) = Run(new SchemaFile(SchemaPath, schema));

        var error = Assert.Single(diagnostics);
        Assert.Equal(("SGB001", DiagnosticSeverity.Error, message), (error.Id, error.Severity, error.GetMessage(CultureInfo.InvariantCulture)));
        Assert.Equal(SchemaPath, error.Location.GetLineSpan().Path);
        Assert.Null(output.GetTypeByMetadataName("StaffGuideBot.Guidance.Content.TextKeys"));
    }

    [Fact]
    public void A_project_without_the_schema_among_its_additional_files_is_told_to_add_it()
    {
        var (_, diagnostics) = Run(new SchemaFile("/pack/schema/flow.schema.json", "{}"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(
            ("SGB001", DiagnosticSeverity.Error, "no texts.schema.json is an AdditionalFiles item of this project: add dialogs/schema/texts.schema.json"),
            (error.Id, error.Severity, error.GetMessage(CultureInfo.InvariantCulture)));
    }

    private static (Compilation Output, IReadOnlyList<Diagnostic> Diagnostics) Run(params AdditionalText[] files)
    {
        var compilation = CSharpCompilation.Create(
            "Sample",
            references: [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(
            [new TextKeysGenerator().AsSourceGenerator()],
            files,
            new CSharpParseOptions(documentationMode: DocumentationMode.Diagnose));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (output, diagnostics);
    }

    private static string Summary(ISymbol symbol) =>
        XElement.Parse(symbol.GetDocumentationCommentXml()!).Element("summary")!.Value;

    private sealed class SchemaFile(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
