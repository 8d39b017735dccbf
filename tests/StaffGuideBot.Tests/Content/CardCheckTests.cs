using System.Text;
using System.Text.Json.Nodes;
using NJsonSchema;
using StaffGuideBot.Content;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// <c>content validate</c> checks every card a pack produces against the official Adaptive Card 1.5 schema and Teams'
/// size limit, and says where the schema came from or why the cards could not be checked.
/// </summary>
public sealed class CardCheckTests : IDisposable
{
    private const string NotChecked = "warning: cards were not checked against the Adaptive Card 1.5 schema: ";

    // A schema that any JSON satisfies, for what CardCheck checks itself (version, msteams, size) and where it looks.
    private const string AnyJson = "{}";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFileAsync(SharedSchemas.PathOf(CardCheck.SchemaFileName)).GetAwaiter().GetResult());

    private static readonly Lazy<JsonSchema> AnyCard = new(() => JsonSchema.FromJsonAsync(AnyJson).GetAwaiter().GetResult());

    private readonly TempDirectory _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private static string England => Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [SkippableFact]
    public void A_valid_card_with_teams_extras_has_no_problems()
    {
        SharedSchemas.SkipUnlessPresent();

        Assert.Empty(Check("""{ "type": "AdaptiveCard", "version": "1.5", "msteams": { "width": "Full" }, "body": [ { "type": "TextBlock", "text": "Hello", "wrap": true } ] }"""));
    }

    [SkippableFact]
    public void Schema_problems_are_given_with_their_path_following_only_the_element_type_used()
    {
        SharedSchemas.SkipUnlessPresent();

        var problems = Check("""
            { "type": "AdaptiveCard", "version": "1.5", "body": [
              { "type": "TextBlock", "text": "Hello", "wrap": "yes" },
              { "type": "TextBlok", "text": "Typo" },
              { "type": "Container", "items": [ { "type": "TextBlock", "text": "Hi", "colour": "good" } ] }
            ] }
            """);

        Assert.Equal(
            [
                "#/body[0].wrap: must be true or false",
                "#/body[1]: has unknown type 'TextBlok'",
                "#/body[2].items[0].colour: 'colour' is not allowed here",
            ],
            problems);
    }

    [Fact]
    public void A_card_needs_a_version_teams_renders_and_msteams_must_be_an_object()
    {
        Assert.Equal(
            ["#/version: must be at most \"1.5\", the newest version Teams renders, not \"1.6\"", "#/msteams: must be an object"],
            Check("""{ "type": "AdaptiveCard", "version": "1.6", "msteams": "Full", "body": [] }""", AnyCard.Value));
        Assert.Equal(
            ["#/version: a card needs a version such as \"1.5\", not nothing"],
            Check("""{ "type": "AdaptiveCard", "body": [] }""", AnyCard.Value));
    }

    [Fact]
    public void A_card_over_26_KB_is_too_big_for_teams()
    {
        var card = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = new string('é', 13_400) }) };
        var bytes = Encoding.UTF8.GetByteCount(card.ToJsonString());

        Assert.InRange(bytes, CardCheck.MaxCardBytes + 1, int.MaxValue);
        Assert.Equal([$"#: the card is {bytes} bytes; Teams refuses a message over about 28 KB, so a card may have at most 26624 bytes"], CardCheck.Check(AnyCard.Value, card));
    }

    [SkippableFact]
    public async Task The_england_cards_are_checked_against_the_shared_schema_and_are_valid()
    {
        SharedSchemas.SkipUnlessPresent();

        var code = await ContentCommand.RunAsync(["content", "validate", England], new ContentOptions(), SharedSchemas.RepositoryRoot, _output, _error, NoDownload);

        Assert.Equal(ContentCommand.Success, code);
        Assert.Equal(string.Empty, _error.ToString());
        var cards = ContentPreview.Cards(ContentPackLoader.Load(England)).Count;
        Assert.EndsWith($"is valid (8 warning(s)); its {cards} cards are valid Adaptive Cards 1.5 (schema: {SharedSchemas.PathOf(CardCheck.SchemaFileName)})\n", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_card_problem_is_printed_as_card_name_path_and_message_and_fails_the_pack()
    {
        var schema = _temp.Combine("strict.schema.json");
        File.WriteAllText(schema, """{ "type": "object", "properties": { "version": { "enum": ["9.9"] } } }""");

        var code = await ContentCommand.RunAsync(["content", "validate", PackFixture.PathOf("minimal")], new ContentOptions { CardSchema = schema }, SharedSchemas.RepositoryRoot, _output, _error, NoDownload);

        Assert.Equal(ContentCommand.Failure, code);
        var lines = _error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pack = ContentPackLoader.Load(PackFixture.PathOf("minimal"));
        var names = ContentPreview.Cards(pack).Select(c => Path.GetFileNameWithoutExtension(c.FileName)[3..]).ToList();
        Assert.Equal(names.Select(n => $"card {n}: #/version: must be one of 9.9"), lines);
        Assert.Contains("step-danger_action", names);
        Assert.EndsWith($": {names.Count} error(s), 0 warning(s)\n", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_too_big_for_teams_is_reported_by_name()
    {
        using var pack = new PackFixture();
        var big = new string('€', 3900);
        pack.Replace("flow.yaml", "    more: Stay with the child if it is safe to.", $"    more: {big}\n    title: {big}");
        pack.Replace("flow.yaml", "    title: Act now\n", string.Empty);
        pack.Replace("flow.yaml", "    continue: I've done that", $"    continue: {big}");
        var card = ContentPreview.Cards(pack.Load().Pack!).Single(c => c.FileName.EndsWith("-step-danger_action.json", StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetByteCount(card.Card.ToJsonString());

        var anyJson = _temp.Combine("any.schema.json");
        File.WriteAllText(anyJson, AnyJson);

        var code = await ContentCommand.RunAsync(["content", "validate", pack.Folder], new ContentOptions { CardSchema = anyJson }, SharedSchemas.RepositoryRoot, _output, _error, NoDownload);

        Assert.Equal(ContentCommand.Failure, code);
        Assert.Equal($"card step-danger_action: #: the card is {bytes} bytes; Teams refuses a message over about 28 KB, so a card may have at most 26624 bytes\n", _error.ToString());
    }

    [Fact]
    public async Task Without_a_schema_the_cards_are_not_checked_which_is_a_warning_that_strict_fails_on()
    {
        var missing = _temp.Combine("no-such.schema.json");
        var options = new ContentOptions { CardSchema = missing };

        var code = await ContentCommand.RunAsync(["content", "validate", PackFixture.PathOf("minimal")], options, SharedSchemas.RepositoryRoot, _output, _error, NoDownload);
        var strict = await ContentCommand.RunAsync(["content", "validate", PackFixture.PathOf("minimal"), "--strict"], options, SharedSchemas.RepositoryRoot, _output, _error, NoDownload);

        Assert.Equal(ContentCommand.Success, code);
        Assert.Equal(ContentCommand.Failure, strict);
        Assert.StartsWith($"{NotChecked}Content:CardSchema {missing} does not exist; set Content:CardSchema to a copy of https://adaptivecards.io/schemas/1.5.0/adaptive-card.json\n", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("is valid (1 warning(s))\n", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 warning(s) (--strict: warnings count)", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shared_copy_beside_the_repository_comes_first()
    {
        var repository = _temp.Combine("repo");
        Directory.CreateDirectory(repository);
        Directory.CreateDirectory(_temp.Combine("shared", "schemas"));
        File.WriteAllText(_temp.Combine("shared", "schemas", CardCheck.SchemaFileName), AnyJson);

        var source = await CardCheck.LoadSchemaAsync(null, repository, repository, NoDownload);

        Assert.NotNull(source.Schema);
        Assert.Equal(_temp.Combine("shared", "schemas", CardCheck.SchemaFileName), source.Where);
    }

    [Fact]
    public async Task Outside_a_repository_the_official_schema_is_downloaded()
    {
        var asked = new List<Uri>();

        var source = await CardCheck.LoadSchemaAsync(null, _temp.Path, null, (uri, cancellationToken) =>
        {
            asked.Add(uri);
            return Task.FromResult(AnyJson);
        });

        Assert.Equal([new Uri("https://adaptivecards.io/schemas/1.5.0/adaptive-card.json")], asked);
        Assert.NotNull(source.Schema);
        Assert.Equal("https://adaptivecards.io/schemas/1.5.0/adaptive-card.json", source.Where);
    }

    [Fact]
    public async Task When_neither_the_shared_copy_nor_the_download_is_there_it_says_why()
    {
        var repository = _temp.Combine("repo");

        var source = await CardCheck.LoadSchemaAsync(null, repository, repository, NoDownload);

        Assert.Null(source.Schema);
        Assert.Equal($"{_temp.Combine("shared", "schemas", CardCheck.SchemaFileName)} does not exist, and https://adaptivecards.io/schemas/1.5.0/adaptive-card.json could not be downloaded: no network in tests", source.Where);
    }

    [Fact]
    public async Task A_configured_address_is_downloaded()
    {
        var source = await CardCheck.LoadSchemaAsync("https://example.org/card.schema.json", _temp.Path, SharedSchemas.RepositoryRoot, NoDownload);

        Assert.Null(source.Schema);
        Assert.Equal("Content:CardSchema https://example.org/card.schema.json could not be downloaded: no network in tests", source.Where);
    }

    private static Task<string> NoDownload(Uri address, CancellationToken cancellationToken) =>
        throw new HttpRequestException("no network in tests");

    private static IReadOnlyList<string> Check(string json, JsonSchema? schema = null) => CardCheck.Check(schema ?? Schema.Value, (JsonObject)JsonNode.Parse(json)!);
}
