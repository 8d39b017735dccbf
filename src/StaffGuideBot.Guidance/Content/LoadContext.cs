using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// What one load has learned so far. A part stays null when its file is missing or unreadable, so checks that need
/// it are skipped rather than reporting a cascade of follow-on errors.
/// </summary>
internal sealed class LoadContext(ProblemCollector problems)
{
    public ProblemCollector Problems { get; } = problems;

    // pack.yaml
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Null when pack.yaml could not be read (term placeholders are then not checked).</summary>
    public Dictionary<string, string>? Terms { get; set; }

    public PackWords Words { get; set; } = new();

    // indicators.yaml (urgent)
    public UrgentRule Urgent { get; set; } = new();

    /// <summary>Null when pack.yaml could not be read.</summary>
    public List<YearGroup>? YearGroups { get; set; }

    public PackSettings Settings { get; set; } = new();

    // contacts.yaml

    /// <summary>Null when contacts.yaml could not be read (contact references are then not checked).</summary>
    public ContactDirectory? Contacts { get; set; }

    public Dictionary<string, Contact> ContactsById { get; } = new(StringComparer.Ordinal);

    // texts.yaml
    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    // flow.yaml

    /// <summary>Null when flow.yaml could not be read (condition references are then not checked).</summary>
    public FlowCatalogue? Flow { get; set; }

    // indicators.yaml
    public List<Indicator> Indicators { get; } = [];

    public List<AnswerCheck> Checks { get; } = [];

    /// <summary>Where each condition read is in its file, for the checks made once the whole flow is known.</summary>
    public Dictionary<Condition, (SchemaBinding Binding, string Path)> ConditionPaths { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>The tests whose question was found and whose test and values fit it (see <see cref="ConditionReader.Check"/>).</summary>
    public HashSet<AnswerCondition> CheckedConditions { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Which steps can be shown and which conditions can hold; set once the flow is bound.</summary>
    public FlowReachability? Reachability { get; set; }

    /// <summary>The id node of each step and question, and the value node of each choice, for later messages.</summary>
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

    /// <summary>Steps and questions whose type is missing or unknown (reported already): conditions naming them are not checked.</summary>
    public HashSet<object> Untyped { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Every question of the pack, including fields of repeat steps, with the step that asks it.</summary>
    public Dictionary<string, (Question Question, Step Step, int Index)> Questions { get; } = new(StringComparer.Ordinal);
}
