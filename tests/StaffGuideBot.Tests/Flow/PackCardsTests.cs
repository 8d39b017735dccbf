using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Flow;

/// <summary>Every card the England pack can produce is a valid Adaptive Card 1.5.</summary>
public sealed class PackCardsTests
{
    private static ContentPack England => ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    public static TheoryData<string> StepIds() => [.. England.Steps.Where(s => s.Type != StepType.Review).Select(s => s.Id)];

    [SkippableTheory]
    [MemberData(nameof(StepIds))]
    public void Every_step_card_is_valid(string stepId)
    {
        SharedSchemas.SkipUnlessPresent();

        var pack = England;
        var step = pack.Steps.Single(s => s.Id == stepId);

        AdaptiveCardSchema.AssertValid(StaffCards.Step(pack, step, "draft-1"));
        foreach (var question in step.Questions)
        {
            // The one-field card used when answers are typed.
            AdaptiveCardSchema.AssertValid(StaffCards.SingleField(pack, step, question, "draft-1"));
        }

        if (step.Type == StepType.Repeat)
        {
            AdaptiveCardSchema.AssertValid(StaffCards.AddAnother(pack, step, "draft-1"));
            AdaptiveCardSchema.AssertValid(StaffCards.RepeatList(pack, step, "draft-1", ["# J.B., 14, [link](https://evil.example)", "K"]));
        }
    }

    [Fact]
    public void The_list_of_a_repeat_steps_items_shows_them_as_typed_with_change_and_remove_and_add_only_below_the_maximum()
    {
        var pack = England;
        var children = pack.Steps.Single(s => s.Id == "children");

        var card = StaffCards.RepeatList(pack, children, "draft-1", ["# J.B., 14", "K"]);

        var nodes = card["body"]!.AsArray().SelectMany(Flatten).ToList();
        Assert.Equal("TextRun", nodes.Single(n => n["text"]?.GetValue<string>() == "# J.B., 14")["type"]!.GetValue<string>());
        var buttons = nodes.Concat(card["actions"]!.AsArray().SelectMany(Flatten)).Where(n => n["type"]?.GetValue<string>() == "Action.Submit").Select(n => n["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["Change", "Remove", "Change", "Remove", "Add another child", "Done"], buttons);

        var full = StaffCards.RepeatList(pack, children, "draft-1", [.. Enumerable.Repeat("K", children.Max)]);
        Assert.DoesNotContain(full["actions"]!.AsArray(), a => a!["title"]!.GetValue<string>() == "Add another child");
    }

    [SkippableFact]
    public void The_menu_quick_guidance_and_contacts_cards_are_valid()
    {
        SharedSchemas.SkipUnlessPresent();

        var pack = England;

        AdaptiveCardSchema.AssertValid(StaffCards.Menu(pack));
        AdaptiveCardSchema.AssertValid(StaffCards.QuickGuidance(pack));
        AdaptiveCardSchema.AssertValid(StaffCards.Contacts(pack));
    }

    [Fact]
    public void Every_choice_set_of_a_step_card_wraps_its_labels_for_a_phone()
    {
        using var fixture = new PackFixture();
        var pack = ContentPackLoader.Load(fixture.Folder);

        var choiceSets = pack.Steps.Where(s => s.Type is StepType.Question or StepType.Form or StepType.Repeat)
            .SelectMany(s => StaffCards.Step(pack, s, "draft-1")["body"]!.AsArray().SelectMany(Flatten))
            .Where(n => n["type"]?.GetValue<string>() == "Input.ChoiceSet")
            .ToList();

        Assert.NotEmpty(choiceSets);
        Assert.All(choiceSets, c => Assert.True(c["wrap"]?.GetValue<bool>(), c.ToJsonString()));
    }

    [Fact]
    public void The_contacts_card_lists_the_school_then_who_to_try_when_no_one_answers_in_the_packs_order()
    {
        using var fixture = new PackFixture();
        var without = ContentPackLoader.Load(fixture.Folder);
        fixture.Write("contacts.yaml", fixture.Read("contacts.yaml") + "whenNoOneAnswers: [police, mash]\n");
        var with = ContentPackLoader.Load(fixture.Folder);

        var before = StaffCards.Contacts(without).ToJsonString();
        var card = StaffCards.Contacts(with).ToJsonString();

        Assert.Contains("Designated Safeguarding Lead", before, StringComparison.Ordinal);
        Assert.DoesNotContain("social care", before, StringComparison.Ordinal);
        var (dsl, police, mash) = (card.IndexOf("Designated Safeguarding Lead", StringComparison.Ordinal), card.IndexOf("\"Police", StringComparison.Ordinal), card.IndexOf("social care", StringComparison.Ordinal));
        Assert.True(dsl >= 0 && dsl < police && police < mash, card);
        AdaptiveCardSchema.AssertValid(StaffCards.Contacts(with));
    }

    [Fact]
    public void The_review_card_is_valid_with_flags_and_user_text_that_looks_like_markup()
    {
        var pack = England;
        var rules = new PackRules(pack);
        var review = new ReviewDialog(pack, pack.Steps.Single(s => s.Type == StepType.Review), new ConversationState(new MemoryStorage()).CreateProperty<ReportDraft>("d"),
            rules,
            new ReportSubmitter(new StorageReportStore(new MemoryStorage()), new RecordedDslEscalation(new MemoryStorage(), TimeProvider.System), TimeProvider.System));
        var draft = new ReportDraft
        {
            Answers = new JsonObject
            {
                ["immediate_danger"] = "yes",
                ["came_to_attention"] = "child_told",
                ["what_was_said"] = "[click me](https://evil.example) **bold** <at>Someone</at> {\"type\":\"Action.OpenUrl\"}",
                ["adult_involved"] = "yes",
                ["children"] = new JsonArray(new JsonObject { ["name"] = "# heading", ["year_group"] = "y5" }),
                ["sexual_acts"] = "yes",
            },
        };

        var card = review.Card(draft);

        AdaptiveCardSchema.AssertValid(card);
        var json = card.ToJsonString();
        Assert.Contains("flagged to the DSL as urgent", json, StringComparison.Ordinal);
        // User text only ever appears as a TextRun, which Teams never reads as Markdown.
        var said = card["body"]!.AsArray().SelectMany(Flatten).Single(n => n["text"]?.GetValue<string>()?.StartsWith("[click me]", StringComparison.Ordinal) == true);
        Assert.Equal("TextRun", said["type"]!.GetValue<string>());
        Assert.DoesNotContain(card["body"]!.AsArray().SelectMany(Flatten), n => n["type"]?.GetValue<string>() == "Action.OpenUrl");

        // Every Edit button says which section it edits (tooltip: hover, screen readers).
        var editChildren = card["body"]!.AsArray().SelectMany(Flatten).Single(n => n["data"]?["target"]?.GetValue<string>() == "children");
        Assert.Equal("Edit", editChildren["title"]!.GetValue<string>());
        Assert.Equal("Edit: Children involved", editChildren["tooltip"]!.GetValue<string>());
    }

    private static IEnumerable<JsonNode> Flatten(JsonNode? node) => node switch
    {
        JsonObject o => new[] { (JsonNode)o }.Concat(o.SelectMany(p => Flatten(p.Value))),
        JsonArray a => a.SelectMany(Flatten),
        _ => [],
    };
}

internal static class PathExtensions
{
    public static string EnsureDirectory(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
