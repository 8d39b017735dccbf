using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Tests.Content;

/// <summary>
/// The Scotland pack (dialogs/scotland), which extends the England pack and overrides only what differs: what staff
/// read has no England-only law, roles, services or year groups left, it has the Scottish ones, and its files stay
/// small overrides rather than a copy of England.
/// </summary>
public sealed class ScotlandPackTests
{
    private static readonly string ScotlandFolder = Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "scotland");
    private static readonly string EnglandFolder = Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england");
    private static readonly Lazy<ContentPack> LazyScotland = new(() => ContentPackLoader.Load(ScotlandFolder));

    private static ContentPack Scotland => LazyScotland.Value;

    /// <summary>Words that are right in England and wrong in Scotland, matched case-sensitively in what staff read.</summary>
    public static TheoryData<string, string> EnglandOnly => new()
    {
        { "DSL", @"\bDSL\b" },
        { "Designated Safeguarding Lead", "Designated Safeguarding" },
        { "Protection of Children Act 1978", "Protection of Children Act|1978" },
        { "Sexual Offences Act 2003", @"Sexual Offences Act|\b2003\b" },
        { "KCSIE", "KCSIE|Keeping Children Safe in Education" },
        { "UKCIS", "UKCC?IS" },
        { "MASH", @"\bMASH\b" },
        { "front door", "(?i:front door)" },
        { "LADO", @"\bLADO\b|Local Authority Designated Officer" },
        { "Ofsted", "Ofsted" },
        { "Year 7", @"\bYear \d" },
        { "year group", "(?i:year group)" },
        { "Reception", @"\bReception\b" },
        { "RSHE", "RSHE" },
        { "SEND", @"\bSEND\b|EHCP" },
        { "children's social care", "(?i:social care)" },
        { "England", "England" },
    };

    [Fact]
    public void The_scotland_pack_loads_and_its_only_warnings_are_unfilled_placeholders()
    {
        var (pack, problems) = ContentPackLoader.TryLoad(ScotlandFolder);

        Assert.True(pack is not null, string.Join('\n', problems));
        Assert.Equal("scotland", pack.Id);
        Assert.Equal("Scotland", pack.Name);
        Assert.All(problems, p => Assert.Contains("placeholder: true", p.ToString(), StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EnglandOnly))]
    public void What_staff_read_has_no_england_only_term(string term, string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

        var hits = Shown(Scotland).Where(s => regex.IsMatch(s.Text)).Select(s => $"{s.Where}: {s.Text}").ToList();

        Assert.True(hits.Count == 0, $"'{term}' is still in the Scotland pack:\n{string.Join('\n', hits)}");
    }

    [Theory]
    [InlineData("Child Protection Coordinator")]
    [InlineData("child protection coordinator")]
    [InlineData("Civic Government (Scotland) Act 1982")]
    [InlineData("s52 ")]
    [InlineData("s52A")]
    [InlineData("Sexual Offences (Scotland) Act 2009")]
    [InlineData("GIRFEC")]
    [InlineData("inter-agency referral discussion (IRD)")]
    [InlineData("social work")]
    [InlineData("Police Scotland")]
    [InlineData("Stop It Now! Scotland")]
    [InlineData("0131 556 3535")]
    [InlineData("additional support needs")]
    public void What_staff_read_has_the_scottish_references(string expected)
    {
        Assert.Contains(Shown(Scotland), s => s.Text.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_roles_are_the_child_protection_coordinator_and_deputies()
    {
        Assert.Equal("Child Protection Coordinator", Scotland.Terms["dsl"]);
        Assert.Equal("child protection coordinator", Scotland.Terms["dslShort"]);
        Assert.Equal("deputy child protection coordinator", Scotland.Terms["deputy"]);
        Assert.Equal("Child Protection Coordinator", Scotland.Contacts.Find("dsl")?.Role);
        Assert.Equal(
            ["dsl", "deputy_dsl_1", "deputy_dsl_2", "headteacher"],
            Scotland.Contacts.School.Select(c => c.Id));
        Assert.All(Scotland.Contacts.School, c => Assert.True(c.Placeholder, $"{c.Id} should be a placeholder until the school fills it in"));
    }

    [Fact]
    public void Local_services_are_social_work_and_police_with_no_mash_or_lado()
    {
        Assert.Equal(["social_work", "out_of_hours", "police_local"], Scotland.Contacts.Local.Select(c => c.Id));
        Assert.All(Scotland.Contacts.Local, c => Assert.True(c.Placeholder, $"{c.Id} should be a placeholder until the school fills it in"));
        Assert.Null(Scotland.Contacts.Find("mash"));
        Assert.Null(Scotland.Contacts.Find("lado"));
    }

    [Theory]
    [InlineData("police_emergency", "999")]
    [InlineData("police_101", "101")]
    [InlineData("childline", "0800 1111")]
    [InlineData("nspcc", "0808 800 5000")]
    [InlineData("posh", "0344 381 4772")]
    [InlineData("stop_it_now", "0808 1000 900")]
    [InlineData("stop_it_now_scotland", "0131 556 3535")]
    public void The_national_numbers_are_right_for_scotland(string id, string phone)
    {
        Assert.Equal(phone, Scotland.Contacts.Find(id)?.Phone);
    }

    [Fact]
    public void Stop_it_now_scotland_comes_straight_after_the_uk_helpline_and_has_its_website()
    {
        var ids = Scotland.Contacts.National.Select(c => c.Id).ToList();

        Assert.Equal(ids.IndexOf("stop_it_now") + 1, ids.IndexOf("stop_it_now_scotland"));
        Assert.Equal("https://stopitnow.org.uk/scotland", Scotland.Contacts.Find("stop_it_now_scotland")?.Url);
        Assert.NotNull(Scotland.Contacts.Find("report_remove")?.Url);
        Assert.NotNull(Scotland.Contacts.Find("ceop")?.Url);
        Assert.NotNull(Scotland.Contacts.Find("iwf")?.Url);
    }

    [Fact]
    public void Urgent_steps_offer_social_work_instead_of_mash()
    {
        foreach (var id in new[] { "danger_action", "danger_unsure", "phone_dsl_now" })
        {
            var step = Scotland.Steps.Single(s => s.Id == id);
            Assert.Contains("social_work", step.Contacts);
            Assert.Contains("dsl", step.Contacts);
            Assert.All(step.Contacts, c => Assert.NotNull(Scotland.Contacts.Find(c)));
        }
    }

    [Fact]
    public void Year_groups_are_p1_to_s6_and_the_year_group_question_offers_exactly_them()
    {
        string[] stages = ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "S1", "S2", "S3", "S4", "S5", "S6"];
        Assert.Equal(stages, Scotland.YearGroups.Select(g => g.Title));
        Assert.All(Scotland.YearGroups, g => Assert.True(g.MinAge < g.MaxAge, $"{g.Title}: {g.MinAge}–{g.MaxAge}"));

        var question = Scotland.Steps.Single(s => s.Id == "children").Fields.Single(f => f.Id == "year_group");
        Assert.Equal(Scotland.YearGroups.Select(g => g.Value), question.Choices.Select(c => c.Value));
        Assert.Equal(stages, question.Choices.Select(c => c.Title));
    }

    [Theory]
    [InlineData("p7", true)]
    [InlineData("s1", true)]
    [InlineData("s2", true)]
    [InlineData("s3", false)]
    [InlineData("s6", false)]
    public void Sexual_acts_and_a_child_given_only_a_stage_is_the_under_13_point_up_to_s2(string stage, bool flagged)
    {
        var answers = new JsonObject
        {
            ["immediate_danger"] = "no",
            ["sexual_acts"] = "yes",
            ["children"] = new JsonArray(new JsonObject { ["name"] = "A", ["year_group"] = stage }),
        };

        var flags = IndicatorEvaluator.Evaluate(Scotland, Answers.FromJson(answers)).Select(i => i.Id);

        Assert.Equal(flagged, flags.Contains("sexual_acts_under_13"));
    }

    [Fact]
    public void The_indicators_are_englands_five_points_and_factors()
    {
        var england = ContentPackLoader.Load(EnglandFolder);

        Assert.Equal(england.Indicators.Select(i => (i.Id, i.Kind)), Scotland.Indicators.Select(i => (i.Id, i.Kind)));
    }

    [Fact]
    public void The_steps_are_englands_in_the_same_order_with_girfec_just_before_the_review()
    {
        var england = ContentPackLoader.Load(EnglandFolder).Steps.Select(s => s.Id).ToList();
        england.Insert(england.IndexOf("review"), "girfec");

        Assert.Equal(england, Scotland.Steps.Select(s => s.Id));
        var girfec = Scotland.Steps.Single(s => s.Id == "girfec");
        Assert.Equal(StepType.Info, girfec.Type);
        Assert.Equal(5, girfec.Text!.Split('\n').Count(line => line.StartsWith("- ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scotland_extends_england()
    {
        var root = (YamlMappingNode)ReadYaml(Path.Combine(ScotlandFolder, "pack.yaml"));

        Assert.Equal("england", ((YamlScalarNode)root["extends"]).Value);
    }

    [Theory]
    [InlineData("pack")]
    [InlineData("contacts")]
    [InlineData("texts")]
    [InlineData("flow")]
    [InlineData("indicators")]
    public void Every_scotland_file_names_its_schema_on_its_first_line(string file)
    {
        var path = Path.Combine(ScotlandFolder, file + ".yaml");
        if (!File.Exists(path))
        {
            return; // a missing file is taken whole from England
        }

        Assert.Equal($"# yaml-language-server: $schema=../schema/{file}.schema.json", File.ReadLines(path).First());
    }

    [Fact]
    public void The_override_files_hold_only_what_differs()
    {
        var englandSteps = Ids("flow.yaml", "steps", EnglandFolder);
        Assert.True(
            Ids("flow.yaml", "steps").Count(englandSteps.Contains) * 2 < englandSteps.Count,
            "scotland/flow.yaml should override a few steps, not copy England's");
        Assert.True(
            Count("indicators.yaml", "indicators") * 4 < Count("indicators.yaml", "indicators", EnglandFolder),
            "scotland/indicators.yaml should override a few rules, not copy England's");
        Assert.True(
            ((YamlMappingNode)ReadYaml(Path.Combine(ScotlandFolder, "texts.yaml"))).Children.Count * 4
                < ((YamlMappingNode)ReadYaml(Path.Combine(EnglandFolder, "texts.yaml"))).Children.Count,
            "scotland/texts.yaml should override a few messages, not copy England's");
        Assert.False(
            ((YamlMappingNode)ReadYaml(Path.Combine(ScotlandFolder, "pack.yaml"))).Children.ContainsKey(new YamlScalarNode("words")),
            "Scotland uses England's typed words");
    }

    private static int Count(string file, string list, string? folder = null)
    {
        var root = (YamlMappingNode)ReadYaml(Path.Combine(folder ?? ScotlandFolder, file));
        return ((YamlSequenceNode)root[list]).Children.Count;
    }

    /// <summary>The ids of the items of a list merged by id.</summary>
    private static List<string> Ids(string file, string list, string? folder = null)
    {
        var root = (YamlMappingNode)ReadYaml(Path.Combine(folder ?? ScotlandFolder, file));
        return [.. ((YamlSequenceNode)root[list]).Children.Cast<YamlMappingNode>().Select(item => ((YamlScalarNode)item["id"]).Value!)];
    }

    private static YamlNode ReadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents[0].RootNode;
    }

    /// <summary>Every piece of text a member of staff or the coordinator can read, with {terms} and {contact.…} filled in.</summary>
    private static IEnumerable<(string Where, string Text)> Shown(ContentPack pack)
    {
        var raw = new List<(string, string?)>();
        raw.AddRange(pack.Terms.Select(t => ($"terms.{t.Key}", (string?)t.Value)));
        raw.AddRange(pack.YearGroups.Select(g => ($"yearGroups.{g.Value}", (string?)g.Title)));
        raw.AddRange(pack.Texts.Select(t => ($"texts {t.Key}", (string?)t.Value)));
        foreach (var c in pack.Contacts.All)
        {
            raw.AddRange([($"contact {c.Id}.role", c.Role), ($"contact {c.Id}.name", c.Name), ($"contact {c.Id}.phone", c.Phone), ($"contact {c.Id}.notes", c.Notes)]);
        }

        foreach (var s in pack.Steps)
        {
            raw.AddRange([
                ($"step {s.Id}.title", s.Title), ($"step {s.Id}.text", s.Text), ($"step {s.Id}.more", s.More),
                ($"step {s.Id}.intro", s.Intro), ($"step {s.Id}.confirm", s.Confirm), ($"step {s.Id}.continue", s.Continue),
                ($"step {s.Id}.submit", s.Submit), ($"step {s.Id}.itemName", s.ItemName), ($"step {s.Id}.addAnother", s.AddAnother),
            ]);
            raw.AddRange(s.Points.Select(p => ($"step {s.Id}.points", (string?)p)));
            foreach (var q in s.Questions)
            {
                raw.AddRange([($"question {q.Id}.label", q.Label), ($"question {q.Id}.placeholder", q.Placeholder)]);
                raw.AddRange(q.Choices.Select(c => ($"question {q.Id} choice {c.Value}", (string?)c.Title)));
            }
        }

        foreach (var i in pack.Indicators)
        {
            raw.AddRange([($"indicator {i.Id}.title", i.Title), ($"indicator {i.Id}.because", i.Because)]);
        }

        return raw.Where(r => !string.IsNullOrWhiteSpace(r.Item2)).Select(r => (r.Item1, pack.Fill(r.Item2!)));
    }
}
