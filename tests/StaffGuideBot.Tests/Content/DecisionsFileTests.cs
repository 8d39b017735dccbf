using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Content;

/// <summary>decisions.yaml: the DSL's decision form, and what the loader checks beyond its schema.</summary>
public sealed class DecisionsFileTests
{
    private const string Decisions = """
        outcomes:
          - id: police
            title: Refer to the police
          - id: lado
            title: Refer to the LADO
            when: { answer: adult_involved, in: ["yes"] }
          - id: manage_in_school
            title: Manage in school
            asks: "Manage in school: the {dsl} who agreed"
        parents:
          - { id: told, title: Told }
          - { id: not_told, title: Not to be told }
        classifications:
          - id: hackett
            title: Hackett continuum
            choices: [Normal, Problematic, Abusive]

        """;

    [Fact]
    public void The_form_loads_in_order_with_its_asks_conditions_and_classifications()
    {
        using var pack = WithDecisions();

        var (loaded, problems) = pack.Load();

        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Equal(["police", "lado", "manage_in_school"], loaded!.Outcomes.Select(o => o.Id));
        Assert.NotNull(loaded.Outcomes[1].When);
        Assert.Equal("Manage in school: the {dsl} who agreed", loaded.Outcomes[2].Asks);
        Assert.Equal([new ParentsChoice("told", "Told"), new ParentsChoice("not_told", "Not to be told")], loaded.ParentsChoices);
        Assert.Equal(["Normal", "Problematic", "Abusive"], Assert.Single(loaded.Classifications).Choices);
    }

    [Fact]
    public void An_outcome_offered_under_an_unknown_question_is_an_error_with_a_did_you_mean()
    {
        using var pack = WithDecisions().Replace("decisions.yaml", "answer: adult_involved", "answer: adult_involvd");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.ToString().StartsWith(pack.At("decisions.yaml", "adult_involvd"), StringComparison.Ordinal) && p.Message.Contains("did you mean 'adult_involved'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outcome_that_can_never_be_offered_is_an_error()
    {
        using var pack = WithDecisions().Replace("decisions.yaml", """when: { answer: adult_involved, in: ["yes"] }""", """when: { all: [{ answer: adult_involved, is: "yes" }, { answer: adult_involved, is: "no" }] }""");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.Message.StartsWith("outcome 'lado' can never be offered, because its 'when' can never be true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_duplicate_parents_choice_is_named_as_a_choice()
    {
        using var pack = WithDecisions().Replace("decisions.yaml", "{ id: not_told, title: Not to be told }", "{ id: told, title: Not to be told }");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.Message.StartsWith("duplicate choice id 'told'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_outcome_without_a_title_or_a_form_without_outcomes_is_an_error()
    {
        using var untitled = WithDecisions().Replace("decisions.yaml", "    title: Refer to the police\n", string.Empty);
        using var empty = WithDecisions().Replace("decisions.yaml", Decisions[..Decisions.IndexOf("parents:", StringComparison.Ordinal)], "outcomes: []\n");

        Assert.Contains(untitled.Load().Problems, p => p.IsError && p.ToString().StartsWith(untitled.At("decisions.yaml", "id: police"), StringComparison.Ordinal) && p.Message.Contains("title", StringComparison.Ordinal));
        Assert.Contains(empty.Load().Problems, p => p.IsError && p.ToString().StartsWith("decisions.yaml:1:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_record_may_only_name_steps_of_the_flow()
    {
        using var pack = WithDecisions();
        pack.Write("decisions.yaml", Decisions + "record:\n  people: [children, adlt]\n");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.Message.StartsWith("the record's 'people' lists unknown step 'adlt'", StringComparison.Ordinal) && p.ToString().StartsWith(pack.At("decisions.yaml", "adlt"), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("trends:\n  - id: name\n", "trend 'name': 'name' is typed text, so it can be counted only by the 'names' it mentions")]
    [InlineData("trends:\n  - { id: year_group, names: [Year 9] }\n", "trend 'year_group': 'names' is only for a text question")]
    [InlineData("trends:\n  - id: yeargroup\n", "trend 'yeargroup': unknown question 'yeargroup' (did you mean 'year_group'?)")]
    public void A_trend_counts_only_choices_or_the_names_a_text_answer_mentions(string trends, string expected)
    {
        using var pack = WithDecisions();
        pack.Write("decisions.yaml", Decisions + trends);

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.Message.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_trend_of_choices_or_of_named_text_loads()
    {
        using var pack = WithDecisions();
        pack.Write("decisions.yaml", Decisions + "trends:\n  - id: year_group\n  - { id: name, names: [Snapchat] }\n");

        var (loaded, problems) = pack.Load();

        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Equal([("year_group", 0), ("name", 1)], loaded!.Trends.Select(t => (t.Id, t.Names.Count)));
    }

    [Fact]
    public void Scotland_offers_social_work_and_an_ird_and_no_lado()
    {
        var scotland = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "scotland"));

        Assert.Equal(["police", "social_care", "ird", "early_help", "manage_in_school", "more_information", "advice_sought"], scotland.Outcomes.Select(o => o.Id));
        Assert.Equal("Refer to social work", scotland.Outcomes[1].Title);
        Assert.Equal(["told", "will_tell", "not_told"], scotland.ParentsChoices.Select(c => c.Id));
    }

    private static PackFixture WithDecisions()
    {
        var pack = new PackFixture();
        pack.Write("decisions.yaml", Decisions);
        return pack;
    }
}
