using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Reports;

/// <summary>The England pack's referral rules: each of the five points and each aggravating factor, from answers alone.</summary>
public class EnglandIndicatorTests
{
    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    /// <summary>A report with nothing that should be flagged: a 15-year-old, no adult, no pressure, image not shared on.</summary>
    private static JsonObject Calm() => new()
    {
        ["immediate_danger"] = "no",
        ["children"] = new JsonArray(new JsonObject { ["name"] = "A", ["age"] = 15, ["role"] = new JsonArray("shown"), ["vulnerabilities"] = new JsonArray("none") }),
        ["adult_involved"] = "no",
        ["sexual_acts"] = "no",
        ["violence_or_unusual"] = "no",
        ["spread"] = "only_recipient",
        ["without_consent"] = "no",
        ["pressure"] = new JsonArray("none"),
        ["capacity_doubts"] = "no",
        ["age_gap"] = "no",
        ["wellbeing"] = new JsonArray("seems_ok"),
        ["parents_worry"] = "no",
    };

    public static TheoryData<string, string, string> Cases() => new()
    {
        // five points
        { "adult involved", """{"adult_involved":"yes"}""", "adult_involved" },
        { "blackmail", """{"pressure":["blackmail"]}""", "coercion_or_capacity" },
        { "grooming", """{"pressure":["grooming"]}""", "coercion_or_capacity" },
        { "threats", """{"pressure":["threats"]}""", "coercion_or_capacity" },
        { "doubt about capacity to consent", """{"capacity_doubts":"yes"}""", "coercion_or_capacity" },
        { "violent or unusual content", """{"violence_or_unusual":"yes"}""", "unusual_or_violent_content" },
        { "sexual acts and a 12-year-old", """{"sexual_acts":"yes","children":[{"name":"B","age":12}]}""", "sexual_acts_under_13" },
        { "sexual acts and a Year 7 child (age not given)", """{"sexual_acts":"yes","children":[{"name":"B","year_group":"y7"}]}""", "sexual_acts_under_13" },
        { "sexual acts, one of two children under 13", """{"sexual_acts":"yes","children":[{"name":"C","age":16},{"name":"D","age":11}]}""", "sexual_acts_under_13" },
        { "immediate danger", """{"immediate_danger":"yes"}""", "immediate_risk" },
        { "talk of self-harm", """{"wellbeing":["distressed","self_harm"]}""", "immediate_risk" },
        // aggravating factors
        { "shared without consent", """{"without_consent":"yes"}""", "shared_without_consent" },
        { "shared widely", """{"spread":"widely"}""", "shared_widely" },
        { "posted online", """{"spread":"online"}""", "shared_widely" },
        { "sent to a few people", """{"spread":"a_few"}""", "sent_to_several" },
        { "age gap", """{"age_gap":"yes"}""", "age_gap" },
        { "a child with SEND", """{"children":[{"name":"E","age":14,"vulnerabilities":["send"]}]}""", "vulnerable_child" },
        { "a looked-after child", """{"children":[{"name":"E","age":14,"vulnerabilities":["looked_after"]}]}""", "vulnerable_child" },
        { "worry about telling parents", """{"parents_worry":"yes"}""", "parents_worry" },
    };

    [Fact]
    public void A_calm_report_raises_no_flag() => Assert.Empty(IndicatorEvaluator.Evaluate(England, Answers.FromJson(Calm())));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_raises_exactly_its_own_flag(string why, string change, string expected)
    {
        var answers = Calm();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            answers[key] = value?.DeepClone();
        }

        var flags = IndicatorEvaluator.Evaluate(England, Answers.FromJson(answers)).Select(i => i.Id).ToList();

        Assert.True(flags.SequenceEqual([expected]), $"{why}: expected only {expected}, got [{string.Join(", ", flags)}]");
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    public void Sexual_acts_with_children_aged_13_or_over_are_not_the_under_13_point(int age)
    {
        var answers = Calm();
        answers["sexual_acts"] = "yes";
        answers["children"] = new JsonArray(new JsonObject { ["name"] = "F", ["age"] = age });

        Assert.DoesNotContain(IndicatorEvaluator.Evaluate(England, Answers.FromJson(answers)), i => i.Id == "sexual_acts_under_13");
    }

    [Fact]
    public void The_five_points_come_before_aggravating_factors()
    {
        var answers = Calm();
        answers["parents_worry"] = "yes";
        answers["adult_involved"] = "yes";

        var kinds = IndicatorEvaluator.Evaluate(England, Answers.FromJson(answers)).Select(i => i.Kind).ToList();

        Assert.Equal([IndicatorKind.FivePoint, IndicatorKind.Aggravating], kinds);
    }

    [Fact]
    public void Free_text_alone_never_raises_a_flag()
    {
        var answers = Calm();
        answers["what_was_said"] = "an adult man blackmailed her, she is 12, it was sexual and violent, she wants to hurt herself";
        answers["image_description"] = "sexual acts, violence";

        Assert.Empty(IndicatorEvaluator.Evaluate(England, Answers.FromJson(answers)));
    }
}
