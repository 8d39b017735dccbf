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
        ["children"] = new JsonArray(new JsonObject { ["name"] = "A", ["age"] = 15, ["role"] = new JsonArray("shown"), ["wellbeing"] = new JsonArray("seems_ok"), ["vulnerabilities"] = new JsonArray("none_known"), ["capacity_doubts"] = "no" }),
        ["adult_involved"] = "no",
        ["sexual_acts"] = "no",
        ["violence_or_unusual"] = "no",
        ["spread"] = "only_recipient",
        ["without_consent"] = "no",
        ["intent_to_harm"] = "no",
        ["pressure"] = new JsonArray("none_known"),
        ["age_gap"] = "no",
        ["parents_worry"] = "no",
    };

    public static TheoryData<string, string, string> Cases() => new()
    {
        // five points
        { "adult involved", """{"adult_involved":"yes","children":[{"name":"A","age":15,"role":["told"]}]}""", "adult_involved" },
        { "blackmail", """{"pressure":["blackmail"]}""", "coercion_or_capacity" },
        { "grooming", """{"pressure":["grooming"]}""", "coercion_or_capacity" },
        { "threats", """{"pressure":["threats"]}""", "coercion_or_capacity" },
        { "doubt about capacity to consent", """{"children":[{"name":"A","age":15,"capacity_doubts":"yes"}]}""", "coercion_or_capacity" },
        { "violent or unusual content", """{"violence_or_unusual":"yes"}""", "unusual_or_violent_content" },
        { "sexual acts and a 12-year-old", """{"sexual_acts":"yes","children":[{"name":"B","age":12}]}""", "sexual_acts_under_13" },
        { "sexual acts and a Year 7 child (age not given)", """{"sexual_acts":"yes","children":[{"name":"B","year_group":"y7"}]}""", "sexual_acts_under_13" },
        { "sexual acts, one of two children under 13", """{"sexual_acts":"yes","children":[{"name":"C","age":16},{"name":"D","age":11}]}""", "sexual_acts_under_13" },
        { "immediate danger", """{"immediate_danger":"yes"}""", "immediate_risk" },
        { "talk of self-harm", """{"children":[{"name":"A","age":15,"wellbeing":["distressed","self_harm"]}]}""", "immediate_risk" },
        { "at risk of harm now, one of two children", """{"children":[{"name":"A","age":15,"wellbeing":["seems_ok"]},{"name":"B","age":14,"wellbeing":["at_risk"]}]}""", "immediate_risk" },
        // aggravating factors
        { "shared without consent", """{"without_consent":"yes"}""", "shared_without_consent" },
        { "shared to hurt, shame or control", """{"intent_to_harm":"yes"}""", "shared_without_consent" },
        { "shared widely", """{"spread":"widely"}""", "shared_widely" },
        { "posted online", """{"spread":"online"}""", "shared_widely" },
        { "sent to a few people", """{"spread":"a_few"}""", "sent_to_several" },
        { "age gap", """{"age_gap":"yes"}""", "age_gap" },
        { "a child with SEND", """{"children":[{"name":"E","age":14,"vulnerabilities":["send"]}]}""", "vulnerable_child" },
        { "a looked-after child", """{"children":[{"name":"E","age":14,"vulnerabilities":["looked_after"]}]}""", "vulnerable_child" },
        { "a child with a social worker", """{"children":[{"name":"E","age":14,"vulnerabilities":["social_worker"]}]}""", "vulnerable_child" },
        { "a child with mental health needs", """{"children":[{"name":"E","age":14,"vulnerabilities":["mental_health"]}]}""", "vulnerable_child" },
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
        answers["children"]![0]!["capacity_doubts"] = "yes";

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

    /// <summary>"Not sure" to a question behind one of the five points raises that point, as a possible flag.</summary>
    public static TheoryData<string, string, string> Unsure() => new()
    {
        { "immediate danger", """{"immediate_danger":"unsure"}""", "immediate_risk" },
        { "an adult involved", """{"adult_involved":"unsure","children":[{"name":"A","age":15,"role":["told"]}]}""", "adult_involved" },
        { "capacity to consent", """{"children":[{"name":"A","age":15,"role":["told"],"capacity_doubts":"unsure"}]}""", "coercion_or_capacity" },
        { "violent or unusual content", """{"violence_or_unusual":"unsure"}""", "unusual_or_violent_content" },
        { "sexual acts, with a 12-year-old", """{"sexual_acts":"unsure","children":[{"name":"B","age":12}]}""", "sexual_acts_under_13" },
    };

    [Theory]
    [MemberData(nameof(Unsure))]
    public void Not_sure_raises_the_same_point_as_yes(string why, string change, string expected)
    {
        var flags = IndicatorEvaluator.Evaluate(England, Answers.FromJson(With(change))).Select(i => i.Id).ToList();

        Assert.True(flags.SequenceEqual([expected]), $"{why}: expected only {expected}, got [{string.Join(", ", flags)}]");
    }

    [Theory]
    [MemberData(nameof(Unsure))]
    public void A_point_raised_by_not_sure_is_possible_and_worded_so(string why, string change, string expected)
    {
        var flag = Assert.Single(IndicatorEvaluator.Raise(England, Answers.FromJson(With(change))));

        Assert.True(flag.Possible, why);
        Assert.Equal(expected, flag.Id);
        Assert.Contains("not sure", flag.Because, StringComparison.Ordinal);
        Assert.NotEqual(flag.Indicator.Because, flag.Because);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_point_raised_by_a_clear_answer_is_certain(string why, string change, string expected)
    {
        var flag = Assert.Single(IndicatorEvaluator.Raise(England, Answers.FromJson(With(change))));

        Assert.False(flag.Possible, why);
        Assert.Equal(expected, flag.Id);
        Assert.Equal(flag.Indicator.Because, flag.Because);
    }

    [Fact]
    public void Yes_outranks_not_sure_for_the_same_point()
    {
        var answers = With("""{"children":[{"name":"A","age":15,"role":["told"],"capacity_doubts":"unsure"}],"pressure":["blackmail"]}""");

        var flag = Assert.Single(IndicatorEvaluator.Raise(England, Answers.FromJson(answers)));

        Assert.Equal("coercion_or_capacity", flag.Id);
        Assert.False(flag.Possible);
    }

    public static TheoryData<string, string> EveryPoint()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Cases().Concat(Unsure()))
        {
            data.Add((string)row[0], (string)row[1]);
        }

        data.Add("someone aged 18 listed, adult question no", """{"children":[{"name":"M","age":18,"role":["received"]}]}""");
        data.Add("an adult with a child in the image", """{"adult_involved":"yes","children":[{"name":"A","age":15,"role":["shown"]}]}""");
        data.Add("immediate danger, already shown at the start", """{"immediate_danger":"yes"}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPoint))]
    public void The_phone_the_dsl_now_step_shows_exactly_when_one_of_the_five_points_is_raised(string why, string change)
    {
        var answers = Answers.FromJson(With(change));
        var fivePoint = IndicatorEvaluator.Raise(England, answers).Any(f => f.Kind == IndicatorKind.FivePoint);

        var shown = ConditionEvaluator.Evaluate(England.Steps.Single(s => s.Id == "phone_dsl_now").ShowIf!, answers, England);

        Assert.True(fivePoint == shown, $"{why}: five point raised {fivePoint}, phone-the-DSL step shown {shown}");
    }

    [Fact]
    public void A_person_aged_18_among_the_children_is_an_adult_involved_even_when_the_adult_question_says_no()
    {
        var answers = With("""{"adult_involved":"no","children":[{"name":"A","age":15,"role":["told"]},{"name":"M","age":18,"role":["received"]}]}""");

        var flag = Assert.Single(IndicatorEvaluator.Raise(England, Answers.FromJson(answers)));
        Assert.Equal("adult_involved", flag.Id);

        // Certain: anyone aged 18 or over is an adult, whatever the adult question said (the review asks to check both).
        Assert.False(flag.Possible);
    }

    [Fact]
    public void An_adult_involved_with_a_child_in_the_image_raises_the_coercion_point()
    {
        var answers = With("""{"adult_involved":"yes","children":[{"name":"A","age":15,"role":["shown"]}]}""");

        var flags = IndicatorEvaluator.Raise(England, Answers.FromJson(answers)).Select(f => (f.Id, f.Possible)).ToList();

        Assert.Equal([("adult_involved", false), ("coercion_or_capacity", true)], flags);
    }

    [Fact]
    public void An_adult_in_the_image_is_not_a_child_in_the_image()
    {
        var answers = With("""{"adult_involved":"yes","children":[{"name":"A","age":15,"role":["told"]},{"name":"M","age":19,"role":["shown"]}]}""");

        Assert.DoesNotContain(IndicatorEvaluator.Evaluate(England, Answers.FromJson(answers)), i => i.Id == "coercion_or_capacity");
    }

    private static JsonObject With(string change)
    {
        var answers = Calm();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            answers[key] = value?.DeepClone();
        }

        return answers;
    }
}
