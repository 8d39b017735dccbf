using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Tests.Content;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>
/// An answer marked <c>exclusive</c> ("None known") chosen with another in a multichoice question: the staff member is
/// asked to choose again, both stay ticked, and nothing moves on until the answers agree. Runs the minimal test pack
/// through the real HTTP pipeline, its children's "part in it" given a "Not known" that stands alone.
/// </summary>
public sealed class ExclusiveChoiceTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly BotApplicationFactory _factory;
    private readonly ChatDriver _chat;

    public ExclusiveChoiceTests()
    {
        var pack = _folder.Combine("minimal");
        Directory.CreateDirectory(pack);
        foreach (var file in Directory.GetFiles(PackFixture.PathOf("minimal")))
        {
            File.Copy(file, Path.Combine(pack, Path.GetFileName(file)));
        }

        var flow = Path.Combine(pack, "flow.yaml");
        const string Shared = "          - { value: shared, title: Shared it }\n";
        Assert.Contains(Shared, File.ReadAllText(flow), StringComparison.Ordinal);
        File.WriteAllText(flow, File.ReadAllText(flow).Replace(Shared, Shared + "          - { value: not_known, title: Not known, exclusive: true }\n", StringComparison.Ordinal));

        _factory = new BotApplicationFactory(new Dictionary<string, string?> { ["Content:Folder"] = _folder.Path, ["Content:Pack"] = "minimal" })
        {
            Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero)),
        };
        _chat = new ChatDriver(_factory.CreateClient());
    }

    public void Dispose()
    {
        _factory.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void The_loader_reads_which_answer_stands_alone()
    {
        var pack = ContentPackLoader.Load(_folder.Combine("minimal"));

        var role = pack.Steps.Single(s => s.Id == "children").Fields.Single(f => f.Id == "role");
        Assert.Equal(["not_known"], role.Choices.Where(c => c.Exclusive).Select(c => c.Value));
    }

    [Fact]
    public async Task Not_known_with_another_answer_is_asked_again_with_both_still_ticked_and_then_saved_as_chosen()
    {
        await WalkToChildAsync();

        await _chat.ClickAsync("Save this child", new Dictionary<string, string> { ["name"] = "A.B.", ["role"] = "shared,not_known" });

        Assert.Contains("Not known stands alone for Their part in it. Choose again.", _chat.LastText, StringComparison.Ordinal);
        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
        var shown = ChatDriver.InputValues(_chat.LastCard);
        Assert.Equal("A.B.", shown["name"]);
        Assert.Equal("shared,not_known", shown["role"]);

        await _chat.ClickAsync("Save this child", new Dictionary<string, string> { ["name"] = "A.B.", ["role"] = "not_known" });

        Assert.DoesNotContain("stands alone", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Children involved", _chat.LastText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_known_on_its_own_and_other_answers_together_are_accepted_at_once()
    {
        await WalkToChildAsync();

        await _chat.ClickAsync("Save this child", new Dictionary<string, string> { ["name"] = "A.B.", ["role"] = "shown,shared" });

        Assert.DoesNotContain("stands alone", _chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("Children involved", _chat.LastText, StringComparison.Ordinal);
    }

    /// <summary>Through the minimal pack's first steps to the card for the first child.</summary>
    private async Task WalkToChildAsync()
    {
        await _chat.SayAsync("I've heard something");
        await _chat.ClickAsync("Report a concern now");
        await _chat.ClickAsync("No");
        await _chat.ClickAsync("I understand");
        await _chat.ClickAsync("Next", new Dictionary<string, string> { ["came_to_attention"] = "child_told" });
        Assert.Contains("Children involved", _chat.LastText, StringComparison.Ordinal);
    }
}
