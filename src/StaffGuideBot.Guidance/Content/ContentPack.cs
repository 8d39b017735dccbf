namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// A loaded, validated content pack (see dialogs/README.md): everything the bot says and asks, for one nation.
/// Immutable once loaded; <see cref="Version"/> is a short hash of the pack's files, stamped on every report.
/// </summary>
public sealed class ContentPack
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Short hash of the pack's files (e.g. "3f9a1c2b").</summary>
    public required string Version { get; init; }

    /// <summary>Words for roles, used as {placeholders} in text (e.g. dsl, dslShort).</summary>
    public required IReadOnlyDictionary<string, string> Terms { get; init; }

    /// <summary>What staff may type instead of pressing a button.</summary>
    public required PackWords Words { get; init; }

    public required IReadOnlyList<YearGroup> YearGroups { get; init; }

    public required PackSettings Settings { get; init; }

    public required ContactDirectory Contacts { get; init; }

    /// <summary>Every fixed message by key (see <see cref="TextKeys"/>), placeholders not yet filled.</summary>
    public required IReadOnlyDictionary<string, string> Texts { get; init; }

    public required IReadOnlyList<Step> Steps { get; init; }

    public required IReadOnlyList<Indicator> Indicators { get; init; }

    /// <summary>When a report reaches the DSL marked urgent (indicators.yaml, urgent); nothing is urgent without it.</summary>
    public UrgentRule Urgent { get; init; } = new();

    /// <summary>Answers that don't agree with each other (indicators.yaml, checks): a note on the review and the DSL's card.</summary>
    public IReadOnlyList<AnswerCheck> Checks { get; init; } = [];

    /// <summary>This pack (same version, wording and flow) with <paramref name="contacts"/> instead of its own.</summary>
    public ContentPack WithContacts(ContactDirectory contacts) => new()
    {
        Id = Id,
        Name = Name,
        Version = Version,
        Terms = Terms,
        Words = Words,
        YearGroups = YearGroups,
        Settings = Settings,
        Contacts = contacts,
        Texts = Texts,
        Steps = Steps,
        Indicators = Indicators,
        Checks = Checks,
        Urgent = Urgent,
    };
}
