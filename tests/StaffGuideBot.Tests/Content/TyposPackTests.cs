using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Tests.Content;

/// <summary>A pack on disk with typical mistakes in every file (Content/Packs/typos): every problem, in order, exactly.</summary>
public class TyposPackTests
{
    [Fact]
    public void Every_mistake_is_reported_once_in_file_and_line_order_with_its_position()
    {
        var folder = PackFixture.PathOf("typos");

        var (pack, problems) = ContentPackLoader.TryLoad(folder);

        Assert.Null(pack);
        Assert.Equal(
            [
                "pack.yaml:8:41: year group 'y7' has minAge 12 greater than maxAge 11",
                "contacts.yaml:6:18: warning: contact 'dsl' still has sample details ('placeholder: true'); replace them with your own and remove that line",
                "contacts.yaml:9:5: contact 'ceop' needs a phone or a url (or both)",
                "texts.yaml:1:1: missing text 'review.noFlags'; 'review.noflags' at line 31 looks like a typo of it",
                "texts.yaml:31:1: warning: text 'review.noflags' is not used by the bot (did you mean 'review.noFlags'?)",
                "flow.yaml:8:7: question 'immediate_danger' has unknown key 'requird' (did you mean 'required'?); expected one of id, type, label, required, showIf, placeholder, allowUnsure",
                "flow.yaml:12:45: showIf of step 'danger_action': 'yes please' is not an answer to 'immediate_danger'; expected one of yes, no, unsure",
                "flow.yaml:15:21: step 'danger_action' lists unknown contact 'childine' (did you mean 'childline'?); contacts are defined in contacts.yaml",
                "flow.yaml:18:11: step 'children' has unknown type 'repat' (did you mean 'repeat'?); expected one of info, acknowledge, question, form, repeat, review",
                "indicators.yaml:3:11: indicator 'under_13' has unknown kind 'fivepoint' (did you mean 'fivePoint'?); expected one of fivePoint, aggravating",
                "indicators.yaml:12:48: when of indicator 'danger': the condition on 'immediate_danger' has several tests, 'is' and 'answered'; expected exactly one",
            ],
            problems.Select(p => p.ToString()));
        Assert.Equal(2, problems.Count(p => p.Severity == ContentProblemSeverity.Warning));
    }

    [Fact]
    public void Problems_carry_their_parts_separately()
    {
        var (_, problems) = ContentPackLoader.TryLoad(PackFixture.PathOf("typos"));

        var repat = problems.Single(p => p.Message.Contains("'repat'", StringComparison.Ordinal));
        Assert.Equal(("flow.yaml", 18, 11, ContentProblemSeverity.Error), (repat.File, repat.Line, repat.Column, repat.Severity));
        Assert.StartsWith("step 'children' has unknown type 'repat'", repat.Message, StringComparison.Ordinal);
    }
}
