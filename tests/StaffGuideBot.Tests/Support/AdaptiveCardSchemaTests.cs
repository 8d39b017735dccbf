using System.Text.Json.Nodes;

namespace StaffGuideBot.Tests.Support;

public class AdaptiveCardSchemaTests
{
    private const string GoodCard = """
        {
          "type": "AdaptiveCard",
          "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
          "version": "1.5",
          "body": [
            { "type": "TextBlock", "text": "Welcome to StaffGuideBot", "weight": "Bolder", "size": "Medium", "wrap": true },
            { "type": "Input.Text", "id": "what", "label": "What did the pupil say?", "isMultiline": true },
            { "type": "Container", "items": [ { "type": "TextBlock", "text": "Do not view, copy or forward any image." } ] }
          ],
          "actions": [
            { "type": "Action.Submit", "title": "What will you help with?", "data": { "action": "help" } },
            { "type": "Action.ShowCard", "title": "More", "card": { "type": "AdaptiveCard", "body": [ { "type": "TextBlock", "text": "Nested" } ] } }
          ]
        }
        """;

    [SkippableFact]
    public void A_well_formed_card_has_no_errors()
    {
        SharedSchemas.SkipUnlessPresent();

        Assert.Empty(AdaptiveCardSchema.Validate(GoodCard));
    }

    [SkippableFact]
    public void A_card_with_a_top_level_msteams_property_is_accepted()
    {
        SharedSchemas.SkipUnlessPresent();

        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["msteams"] = new JsonObject { ["width"] = "Full" };

        Assert.Empty(AdaptiveCardSchema.Validate(card));
        Assert.NotNull(card["msteams"]); // the caller's card is not changed
    }

    [SkippableFact]
    public void An_unknown_element_type_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "Carousel", ["text"] = "x" });

        var errors = AdaptiveCardSchema.Validate(card);

        Assert.Contains(errors, e => e.Contains("#/body[3]", StringComparison.Ordinal) && e.Contains("unknown type 'Carousel'", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_TextBlock_without_text_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["body"]![0]!.AsObject().Remove("text");

        var errors = AdaptiveCardSchema.Validate(card);

        Assert.Contains(errors, e => e.Contains("PropertyRequired", StringComparison.Ordinal) && e.Contains("'text'", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_misspelt_property_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["body"]![0]!["wrapp"] = true;

        var errors = AdaptiveCardSchema.Validate(card);

        Assert.Contains(errors, e => e.Contains("NoAdditionalPropertiesAllowed", StringComparison.Ordinal) && e.Contains("'wrapp'", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void An_unknown_action_type_is_rejected()
    {
        SharedSchemas.SkipUnlessPresent();

        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["actions"]![0]!["type"] = "Action.Post";

        var errors = AdaptiveCardSchema.Validate(card);

        Assert.Contains(errors, e => e.Contains("#/actions[0]", StringComparison.Ordinal) && e.Contains("unknown type 'Action.Post'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "needs a version")]
    [InlineData("1.6", "newer than 1.5")]
    [InlineData("one", "not a version number")]
    public void The_top_level_version_must_be_present_and_at_most_1_5(string? version, string expected)
    {
        var card = JsonNode.Parse(GoodCard)!.AsObject();
        if (version is null)
        {
            card.Remove("version");
        }
        else
        {
            card["version"] = version;
        }

        var errors = AdaptiveCardSchema.Validate(card);

        Assert.Contains(errors, e => e.StartsWith("#/version", StringComparison.Ordinal) && e.Contains(expected, StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("1.0")]
    [InlineData("1.4")]
    public void Older_versions_are_accepted(string version)
    {
        SharedSchemas.SkipUnlessPresent();

        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["version"] = version;

        Assert.Empty(AdaptiveCardSchema.Validate(card));
    }

    [Fact]
    public void Something_that_is_not_an_AdaptiveCard_is_rejected()
    {
        var errors = AdaptiveCardSchema.Validate("""{ "type": "HeroCard", "version": "1.5" }""");

        Assert.Contains(errors, e => e.StartsWith("#/type", StringComparison.Ordinal));
    }

    [Fact]
    public void A_non_object_msteams_is_rejected()
    {
        var card = JsonNode.Parse(GoodCard)!.AsObject();
        card["msteams"] = "Full";

        Assert.Contains(AdaptiveCardSchema.Validate(card), e => e.StartsWith("#/msteams", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_json_is_reported_rather_than_thrown()
    {
        var errors = AdaptiveCardSchema.Validate("{ \"type\": ");

        Assert.Single(errors);
        Assert.Contains("not valid JSON", errors[0], StringComparison.Ordinal);
    }

    [SkippableFact]
    public void AssertValid_fails_with_the_errors_listed()
    {
        SharedSchemas.SkipUnlessPresent();

        var ex = Assert.ThrowsAny<Exception>(() => AdaptiveCardSchema.AssertValid("""{ "type": "AdaptiveCard", "version": "1.5", "body": [ { "type": "TextBlock" } ] }"""));

        Assert.Contains("'text'", ex.Message, StringComparison.Ordinal);
    }
}
