using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffGuideBot.Content;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Content;

/// <summary><c>content preview</c>: every card of a pack as JSON, and an index.html that renders them.</summary>
public sealed partial class ContentPreviewTests : IDisposable
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TempDirectory _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private static string England => Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");

    private string Out => _temp.Combine("out");

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public async Task The_england_preview_has_the_menu_cards_every_step_a_repeat_steps_other_cards_the_review_and_the_dsl_summary_in_flow_order()
    {
        var code = await RunAsync("content", "preview", England, "--out", Out, "--renderer", FakeNodeModules());

        Assert.Equal(ContentCommand.Success, code);
        Assert.Equal(string.Empty, _error.ToString());
        var pack = ContentPackLoader.Load(England);
        string[] expected =
        [
            "menu", "quick-guidance", "contacts",
            .. pack.Steps.Where(s => s.Type != StepType.Review)
                .SelectMany(s => s.Type == StepType.Repeat ? ["step-" + s.Id, $"step-{s.Id}-next", $"step-{s.Id}-another", $"step-{s.Id}-list"] : new[] { "step-" + s.Id }),
            "step-" + pack.Steps.Single(s => s.Type == StepType.Review).Id,
            "dsl-summary",
            "dsl-form-decision",
            "dsl-form-parents",
            "dsl-form-recorded",
        ];
        Assert.Equal(expected.Select((name, i) => $"{i + 1:00}-{name}.json"), CardFiles().Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(Out, ContentPreview.IndexFileName)));
        Assert.Equal("/* renderer */", File.ReadAllText(Path.Combine(Out, ContentPreview.RendererFileName)));
    }

    [SkippableFact]
    public async Task Every_written_card_is_a_valid_adaptive_card_1_5()
    {
        SharedSchemas.SkipUnlessPresent();

        Assert.Equal(ContentCommand.Success, await RunAsync("content", "preview", England, "--out", Out, "--renderer", FakeNodeModules()));

        foreach (var file in CardFiles())
        {
            AdaptiveCardSchema.AssertValid(File.ReadAllText(file));
        }
    }

    [Fact]
    public async Task Index_html_embeds_every_card_as_data_and_loads_the_renderer_beside_it()
    {
        Assert.Equal(ContentCommand.Success, await RunAsync("content", "preview", England, "--out", Out, "--renderer", FakeNodeModules()));
        var html = File.ReadAllText(Path.Combine(Out, ContentPreview.IndexFileName));

        var embedded = EmbeddedCard().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => JsonNode.Parse(m.Groups["json"].Value));
        var files = CardFiles();
        Assert.Equal(files.Count, embedded.Count);
        foreach (var file in files)
        {
            var id = "card-" + Path.GetFileNameWithoutExtension(file) + "-json";
            Assert.True(embedded.ContainsKey(id), $"index.html does not embed {Path.GetFileName(file)}");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(file)), embedded[id]), $"index.html embeds another {Path.GetFileName(file)}");
        }

        Assert.Contains("<script src=\"adaptivecards.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Content preview: England</title>", html, StringComparison.Ordinal);
        // Self-contained for offline reading: nothing is loaded from elsewhere.
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
    }

    [Fact]
    public void The_sample_answers_raise_several_flags_which_the_review_and_summary_show()
    {
        var pack = ContentPackLoader.Load(England);
        var flags = new PackRules(pack).Apply(ContentPreview.SampleAnswers(pack)).Flags;

        Assert.True(flags.Count >= 3, $"only {flags.Count} flag(s)");
        var cards = ContentPreview.Cards(pack);
        var summary = cards.Single(c => c.FileName.EndsWith("-dsl-summary.json", StringComparison.Ordinal)).Card.ToJsonString(Readable);
        Assert.All(flags, f => Assert.Contains(pack.Fill(f.Indicator.Title), summary, StringComparison.Ordinal));
        var review = cards.Single(c => c.FileName.EndsWith("-step-review.json", StringComparison.Ordinal)).Card.ToJsonString(Readable);
        var decisionForm = cards.Single(c => c.FileName.EndsWith("-dsl-form-decision.json", StringComparison.Ordinal)).Card.ToJsonString(Readable);
        Assert.All(pack.Outcomes.Where(o => o.When is null), o => Assert.Contains(pack.Fill(o.Title), decisionForm, StringComparison.Ordinal));
        Assert.Contains(pack.Fill(flags[0].Because), review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_renderer_the_cards_are_still_written_and_the_page_says_how_to_get_it()
    {
        var code = await RunAsync("content", "preview", England, "--out", Out, "--renderer", _temp.Combine("no-node-modules"));

        Assert.Equal(ContentCommand.Success, code);
        Assert.Contains("warning: the Adaptive Cards renderer was not found", _error.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(CardFiles());
        Assert.False(File.Exists(Path.Combine(Out, ContentPreview.RendererFileName)));
        var html = File.ReadAllText(Path.Combine(Out, ContentPreview.IndexFileName));
        Assert.Contains("npm ci", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_pack_is_refused_with_its_problems_and_nothing_is_written()
    {
        var pack = Path.Combine(_temp.Path, "england");
        Directory.CreateDirectory(pack);
        foreach (var file in Directory.GetFiles(England))
        {
            File.Copy(file, Path.Combine(pack, Path.GetFileName(file)));
        }

        var flow = Path.Combine(pack, "flow.yaml");
        File.WriteAllText(flow, File.ReadAllText(flow).Replace("type: acknowledge", "type: acknowlege", StringComparison.Ordinal));

        var code = await RunAsync("content", "preview", pack, "--out", Out, "--renderer", FakeNodeModules());

        Assert.Equal(ContentCommand.Failure, code);
        Assert.Matches(@"flow\.yaml:\d+:\d+: .*acknowlege", _error.ToString());
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Cards_of_an_earlier_preview_do_not_linger()
    {
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "99-step-gone.json"), "{}");

        Assert.Equal(ContentCommand.Success, await RunAsync("content", "preview", England, "--out", Out, "--renderer", FakeNodeModules()));

        Assert.False(File.Exists(Path.Combine(Out, "99-step-gone.json")));
    }

    [Theory]
    [InlineData("content", "preview", "--out")]
    [InlineData("content", "preview", "--renderer")]
    [InlineData("content", "preview", "--out", "--renderer", "x")]
    [InlineData("content", "preview", "a", "b")]
    [InlineData("content", "preview", "--bogus")]
    [InlineData("content", "preview", "--out", "a", "--out", "b")]
    public async Task Bad_arguments_are_a_usage_error(params string[] args)
    {
        Assert.Equal(ContentCommand.UsageError, await RunAsync(args));
        Assert.Contains("content preview", _error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task A_missing_pack_folder_fails()
    {
        Assert.Equal(ContentCommand.Failure, await RunAsync("content", "preview", _temp.Combine("nothing-here"), "--out", Out));
        Assert.False(Directory.Exists(Out));
    }

    /// <summary>A node_modules folder holding a stand-in for the renderer, so the tests need no npm install.</summary>
    private string FakeNodeModules()
    {
        var file = _temp.Combine("node_modules", "adaptivecards", "dist", ContentPreview.RendererFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "/* renderer */");
        return _temp.Combine("node_modules");
    }

    private List<string> CardFiles() => [.. Directory.GetFiles(Out, "*.json").Order(StringComparer.Ordinal)];

    private Task<int> RunAsync(params string[] args) => ContentCommand.RunAsync(args, new ContentOptions(), SharedSchemas.RepositoryRoot, _output, _error);

    [GeneratedRegex("""<script type="application/json" id="(?<id>[^"]+)">(?<json>.*?)</script>""", RegexOptions.Singleline)]
    private static partial Regex EmbeddedCard();
}
