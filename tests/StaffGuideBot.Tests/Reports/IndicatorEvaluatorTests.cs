using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Content;

namespace StaffGuideBot.Tests.Reports;

/// <summary>The indicators of the minimal pack (Content/Packs/minimal/indicators.yaml).</summary>
public class IndicatorEvaluatorTests
{
    private static readonly ContentPack Pack = ContentPackLoader.Load(PackFixture.PathOf("minimal"));

    private static List<string> Flags(Answers answers) => IndicatorEvaluator.Evaluate(Pack, answers).Select(i => i.Id).ToList();

    private static Answers WithChild(decimal? age = null, string? yearGroup = null, string sexualActs = "yes")
    {
        var child = new Answers();
        child.Set("name", "AB");
        child.Set("age", age);
        child.Set("year_group", yearGroup);
        var answers = new Answers();
        answers.SetItems("children", [child]);
        answers.Set("sexual_acts", sexualActs);
        return answers;
    }

    [Fact]
    public void No_answers_no_flags()
    {
        Assert.Empty(Flags(new Answers()));
    }

    [Fact]
    public void An_adult_involved_gives_the_adult_point()
    {
        var answers = new Answers();
        answers.Set("adult_involved", "yes");

        var flag = Assert.Single(IndicatorEvaluator.Evaluate(Pack, answers));
        Assert.Equal(("adult_involved", IndicatorKind.FivePoint, "an adult is reported to be involved"), (flag.Id, flag.Kind, flag.Because));
    }

    [Fact]
    public void No_adult_involved_gives_no_flag()
    {
        var answers = new Answers();
        answers.Set("adult_involved", "no");

        Assert.Empty(Flags(answers));
    }

    [Fact]
    public void A_child_aged_12_and_sexual_acts_give_the_under_13_point()
    {
        Assert.Equal(["sexual_acts_under_13"], Flags(WithChild(age: 12)));
    }

    [Fact]
    public void A_child_in_Year_7_with_no_age_and_sexual_acts_give_the_under_13_point()
    {
        Assert.Equal(["sexual_acts_under_13"], Flags(WithChild(yearGroup: "y7")));
    }

    [Fact]
    public void A_child_aged_14_and_sexual_acts_do_not_give_the_under_13_point()
    {
        Assert.Empty(Flags(WithChild(age: 14)));
    }

    [Fact]
    public void A_child_in_Year_10_with_no_age_does_not_give_the_under_13_point()
    {
        Assert.Empty(Flags(WithChild(yearGroup: "y10")));
    }

    [Fact]
    public void A_child_under_13_without_sexual_acts_does_not_give_the_under_13_point()
    {
        Assert.Empty(Flags(WithChild(age: 12, sexualActs: "no")));
        Assert.Empty(Flags(WithChild(age: 12, sexualActs: "unsure")));
    }

    [Fact]
    public void Five_points_come_first_then_aggravating_factors_each_in_pack_order()
    {
        // In indicators.yaml the order is adult_involved, shared_widely, sexual_acts_under_13, many_viewers.
        var answers = WithChild(age: 12);
        answers.Set("adult_involved", "yes");
        answers.Set("spread", "online");
        answers.Set("viewers", 40);

        Assert.Equal(["adult_involved", "sexual_acts_under_13", "shared_widely", "many_viewers"], Flags(answers));
    }

    [Fact]
    public void Aggravating_factors_alone_are_flagged_too()
    {
        var answers = new Answers();
        answers.Set("spread", "widely");

        var flag = Assert.Single(IndicatorEvaluator.Evaluate(Pack, answers));
        Assert.Equal(("shared_widely", IndicatorKind.Aggravating), (flag.Id, flag.Kind));
    }
}
