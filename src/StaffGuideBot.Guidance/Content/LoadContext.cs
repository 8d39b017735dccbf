using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>What one load has learned so far; a part whose file is missing or unreadable stays null, so the checks that need it are skipped.</summary>
internal sealed class LoadContext(ProblemCollector problems)
{
    public ProblemCollector Problems { get; } = problems;

    public string? Id { get; set; }

    public string? Name { get; set; }

    public Dictionary<string, string>? Terms { get; set; }

    public PackWords Words { get; set; } = new();

    public List<YearGroup>? YearGroups { get; set; }

    public PackSettings Settings { get; set; } = new();

    public ContactDirectory? Contacts { get; set; }

    public Dictionary<string, Contact> ContactsById { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public FlowCatalogue? Flow { get; set; }

    public List<Indicator> Indicators { get; } = [];

    public List<AnswerCheck> Checks { get; } = [];

    public List<Route> Routes { get; } = [];

    public List<KeyFact> KeyFacts { get; } = [];

    public List<DecisionOutcome> Outcomes { get; } = [];

    public List<ParentsChoice> ParentsChoices { get; } = [];

    public List<Classification> Classifications { get; } = [];

    public RecordParts Record { get; set; } = new();

    public List<Trend> Trends { get; } = [];

    public UrgentRule Urgent { get; set; } = new();

    public AllegationRule? Allegation { get; set; }

    /// <summary>The tests whose question was found and whose test and values fit it.</summary>
    public HashSet<AnswerCondition> CheckedConditions { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Which steps can be shown and which conditions can hold; set once the flow is bound.</summary>
    public FlowReachability? Reachability { get; set; }

    /// <summary>The id node of each step, question, indicator, check and contact, and the value node of each choice.</summary>
    public Dictionary<object, YamlNode> Positions { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The line of <paramref name="item"/>, for a message about a problem at <paramref name="reportedAt"/> (see <see cref="ProblemCollector.Line"/>).</summary>
    public string Line(object item, YamlNode reportedAt) =>
        Positions.TryGetValue(item, out var node) ? Problems.Line(node, reportedAt) : "?";
}

/// <summary>The flow's steps and questions by id.</summary>
internal sealed class FlowCatalogue
{
    public List<Step> Steps { get; } = [];

    public Dictionary<string, (Step Step, int Index)> StepsById { get; } = new(StringComparer.Ordinal);

    /// <summary>Steps that could not be read, and their questions (reported already): conditions naming them are not checked.</summary>
    public HashSet<object> Untyped { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every question of the pack, including fields of repeat steps, with the step that asks it.</summary>
    public Dictionary<string, (Question Question, Step Step, int Index)> Questions { get; } = new(StringComparer.Ordinal);
}
