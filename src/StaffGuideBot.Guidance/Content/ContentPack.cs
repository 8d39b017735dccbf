namespace StaffGuideBot.Guidance.Content;

/// <summary>A loaded, validated content pack (dialogs/README.md); <see cref="Version"/> is a short hash of its files, stamped on every report.</summary>
public sealed record ContentPack
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>Words for roles, used as {placeholders} in text (e.g. dsl, dslShort).</summary>
    public required IReadOnlyDictionary<string, string> Terms { get; init; }

    public required PackWords Words { get; init; }

    public required IReadOnlyList<YearGroup> YearGroups { get; init; }

    public required PackSettings Settings { get; init; }

    public required ContactDirectory Contacts { get; init; }

    /// <summary>Every fixed message by key (see <see cref="TextKeys"/>), placeholders not yet filled.</summary>
    public required IReadOnlyDictionary<string, string> Texts { get; init; }

    public required IReadOnlyList<Step> Steps { get; init; }

    public required IReadOnlyList<Indicator> Indicators { get; init; }

    /// <summary>Nothing is urgent without a rule in indicators.yaml.</summary>
    public UrgentRule Urgent { get; init; } = new();

    /// <summary>Without a rule in indicators.yaml, no report is an allegation: every report goes to the DSL.</summary>
    public AllegationRule? Allegation { get; init; }

    public IReadOnlyList<AnswerCheck> Checks { get; init; } = [];

    public IReadOnlyList<Route> Routes { get; init; } = [];

    public IReadOnlyList<KeyFact> KeyFacts { get; init; } = [];

    /// <summary>The DSL's decision form (decisions.yaml): the outcomes of the initial review, in order.</summary>
    public IReadOnlyList<DecisionOutcome> Outcomes { get; init; } = [];

    /// <summary>The choices of the decision on informing parents or carers, in order.</summary>
    public IReadOnlyList<ParentsChoice> ParentsChoices { get; init; } = [];

    public IReadOnlyList<Classification> Classifications { get; init; } = [];

    public RecordParts Record { get; init; } = new();

    public IReadOnlyList<Trend> Trends { get; init; } = [];

    /// <summary>This pack (same version, wording and flow) with <paramref name="contacts"/> instead of its own.</summary>
    public ContentPack WithContacts(ContactDirectory contacts) => this with { Contacts = contacts };
}
