using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Tests.Content;

/// <summary>indicators.yaml's routes and key facts: what the loader checks beyond their schema.</summary>
public sealed class RouteAndKeyFactTests
{
    private const string Routes = """

        routes:
          - id: ceop
            title: NCA-CEOP
            because: an adult is involved
            text: Report to CEOP.
            contacts: [iwf]
            when: { answer: adult_involved, in: ["yes"] }
          - id: advice
            title: Advice
            because: any report can be talked through
            text: Ask for advice.

        keyFacts:
          - { id: children }
          - { id: child_words, label: "Child's words" }

        """;

    [Fact]
    public void Routes_and_key_facts_load_in_order()
    {
        using var pack = WithRoutes();

        var (loaded, problems) = pack.Load();

        Assert.DoesNotContain(problems, p => p.IsError);
        Assert.Equal(["ceop", "advice"], loaded!.Routes.Select(r => r.Id));
        Assert.Equal(["iwf"], loaded.Routes[0].Contacts);
        Assert.NotNull(loaded.Routes[0].When);
        Assert.Null(loaded.Routes[1].When);
        Assert.Equal([new KeyFact("children"), new KeyFact("child_words", "Child's words")], loaded.KeyFacts);
    }

    [Fact]
    public void A_route_may_only_list_known_contacts()
    {
        using var pack = WithRoutes().Replace("indicators.yaml", "contacts: [iwf]", "contacts: [iwf, dls]");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "dls]")}: route 'ceop' lists unknown contact 'dls' (did you mean 'dsl'?); contacts are defined in contacts.yaml");
    }

    [Fact]
    public void A_route_whose_condition_can_never_hold_is_an_error()
    {
        using var pack = WithRoutes().Replace("indicators.yaml", """when: { answer: adult_involved, in: ["yes"] }""", """when: { all: [{ answer: adult_involved, is: "yes" }, { answer: adult_involved, is: "no" }] }""");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.ToString().StartsWith($"{pack.At("indicators.yaml", "when: { all")}: route 'ceop' can never apply, because its 'when' can never be true", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_fact_must_name_a_question_or_a_repeat_step()
    {
        using var pack = WithRoutes().Replace("indicators.yaml", "id: child_words", "id: child_word");

        pack.AssertSingleError($"{pack.At("indicators.yaml", "child_word,")}: key fact 'child_word': unknown question or repeat step 'child_word' (did you mean 'child_words'?); expected the id of a question in flow.yaml (not a field of a repeat step), or of a repeat step");
    }

    [Fact]
    public void A_key_fact_cannot_be_a_field_of_a_repeat_step()
    {
        using var pack = WithRoutes().Replace("indicators.yaml", "{ id: children }", "{ id: age }");

        var (_, problems) = pack.Load();

        Assert.Contains(problems, p => p.IsError && p.ToString().StartsWith($"{pack.At("indicators.yaml", "age }")}: key fact 'age': unknown question or repeat step 'age'", StringComparison.Ordinal));
    }

    [Fact]
    public void Scotland_inherits_englands_routes_and_key_facts()
    {
        var england = ContentPackLoader.Load(Path.Combine(Support.SharedSchemas.RepositoryRoot, "dialogs", "england"));
        var scotland = ContentPackLoader.Load(Path.Combine(Support.SharedSchemas.RepositoryRoot, "dialogs", "scotland"));

        Assert.Equal(england.Routes.Select(r => r.Id), scotland.Routes.Select(r => r.Id));
        Assert.Equal(england.KeyFacts, scotland.KeyFacts);
        Assert.All(scotland.Routes.SelectMany(r => r.Contacts), id => Assert.NotNull(scotland.Contacts.Find(id)));
    }

    private static PackFixture WithRoutes()
    {
        var pack = new PackFixture();
        pack.Write("indicators.yaml", pack.Read("indicators.yaml") + Routes);
        return pack;
    }
}
