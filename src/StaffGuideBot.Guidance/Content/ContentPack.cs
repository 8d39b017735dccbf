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

public sealed class PackSettings
{
    /// <summary>Minutes after which an unfinished draft gets a reminder.</summary>
    public int ReminderMinutes { get; init; } = 20;
}

public sealed class YearGroup
{
    public required string Value { get; init; }

    public required string Title { get; init; }

    public required int MinAge { get; init; }

    public required int MaxAge { get; init; }
}

public sealed class ContactDirectory
{
    public IReadOnlyList<Contact> School { get; init; } = [];

    public IReadOnlyList<Contact> Local { get; init; } = [];

    public IReadOnlyList<Contact> National { get; init; } = [];

    public IEnumerable<Contact> All => School.Concat(Local).Concat(National);

    public Contact? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>These contacts, followed in each group by the contacts of <paramref name="older"/> whose ids these lack.</summary>
    public ContactDirectory Over(ContactDirectory older)
    {
        ArgumentNullException.ThrowIfNull(older);
        var ids = All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return new ContactDirectory
        {
            School = [.. School, .. older.School.Where(c => !ids.Contains(c.Id))],
            Local = [.. Local, .. older.Local.Where(c => !ids.Contains(c.Id))],
            National = [.. National, .. older.National.Where(c => !ids.Contains(c.Id))],
        };
    }
}

public sealed class Contact
{
    public required string Id { get; init; }

    public required string Role { get; init; }

    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Url { get; init; }

    public string? Notes { get; init; }

    /// <summary>True until the school replaces the sample values with its own.</summary>
    public bool Placeholder { get; init; }

    /// <summary>
    /// Still the pack's sample: marked <see cref="Placeholder"/>, or a name, phone or url still a "[...]" sample value.
    /// A sample's details are never shown to staff (<see cref="PackText"/> shows the pack's contacts.notAdded instead).
    /// </summary>
    public bool IsSample => Placeholder || new[] { Name, Phone, Url }.Any(IsSampleValue);

    /// <summary>
    /// <paramref name="value"/> (one of this contact's details), or null while it is still a "[...]" sample. A real
    /// value is shown even if the school forgot to remove <see cref="Placeholder"/>: a frightened member of staff is
    /// better served by the number the school entered (start-up and /healthz still name the contact as a sample).
    /// </summary>
    public static string? Real(string? value) => IsSampleValue(value) ? null : value;

    private static bool IsSampleValue(string? value) =>
        value is { } text && text.TrimStart().StartsWith('[') && text.TrimEnd().EndsWith(']');
}

public enum StepType
{
    Info,
    Acknowledge,
    Question,
    Form,
    Repeat,
    Review,
}

/// <summary>One step of the report flow. Which members apply depends on <see cref="Type"/> (see dialogs/README.md).</summary>
public sealed class Step
{
    public required string Id { get; init; }

    public required StepType Type { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    /// <summary>Info: extra detail behind a "More" button.</summary>
    public string? More { get; init; }

    /// <summary>Info: contact ids shown with their numbers.</summary>
    public IReadOnlyList<string> Contacts { get; init; } = [];

    /// <summary>Info: "urgent" for a red heading.</summary>
    public string? Style { get; init; }

    /// <summary>Info: the continue button label.</summary>
    public string? Continue { get; init; }

    /// <summary>Acknowledge: the points of the warning.</summary>
    public IReadOnlyList<string> Points { get; init; } = [];

    /// <summary>Acknowledge: the button that must be pressed to go on.</summary>
    public string? Confirm { get; init; }

    /// <summary>Question: the one question.</summary>
    public Question? Question { get; init; }

    /// <summary>Form and repeat: the fields.</summary>
    public IReadOnlyList<Question> Fields { get; init; } = [];

    /// <summary>Form and repeat: introductory text.</summary>
    public string? Intro { get; init; }

    /// <summary>Form and repeat: the submit button label.</summary>
    public string? Submit { get; init; }

    /// <summary>Repeat: what one item is called ("child").</summary>
    public string? ItemName { get; init; }

    /// <summary>Repeat: the question asked after each item ("Is another child involved?").</summary>
    public string? AddAnother { get; init; }

    /// <summary>Repeat: the most items.</summary>
    public int Max { get; init; } = 10;

    /// <summary>Shown only when this holds; null = always.</summary>
    public Condition? ShowIf { get; init; }

    /// <summary>The questions this step asks (the question, or the fields).</summary>
    public IEnumerable<Question> Questions => Question is null ? Fields : [Question];
}

public enum QuestionType
{
    Text,
    LongText,
    Choice,
    MultiChoice,
    YesNo,
    Number,
    Date,
    Time,
    Toggle,
}

public sealed class Question
{
    public required string Id { get; init; }

    public required QuestionType Type { get; init; }

    public required string Label { get; init; }

    public bool Required { get; init; }

    /// <summary>Keep the words exactly as typed (e.g. what the child said).</summary>
    public bool Verbatim { get; init; }

    public string? Placeholder { get; init; }

    public int? MaxLength { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>YesNo: offer "unsure" as well as yes and no.</summary>
    public bool AllowUnsure { get; init; } = true;

    public IReadOnlyList<ChoiceOption> Choices { get; init; } = [];
}

public sealed class ChoiceOption
{
    public required string Value { get; init; }

    public required string Title { get; init; }

    public IReadOnlyList<string> Synonyms { get; init; } = [];
}

public enum IndicatorKind
{
    /// <summary>One of the five points for immediate referral.</summary>
    FivePoint,

    /// <summary>An aggravating factor.</summary>
    Aggravating,
}

public sealed class Indicator
{
    public required string Id { get; init; }

    public required IndicatorKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>Completes "flagged as urgent because …".</summary>
    public required string Because { get; init; }

    public required Condition When { get; init; }

    /// <summary>
    /// When <see cref="When"/> does not hold but this does, the flag is raised as possible (e.g. a "not sure" answer):
    /// the DSL decides. Null: the flag is only ever certain.
    /// </summary>
    public Condition? Possible { get; init; }

    /// <summary>Completes "flagged as urgent because …" for a possible flag; set whenever <see cref="Possible"/> is.</summary>
    public string? PossibleBecause { get; init; }
}

/// <summary>An indicator a report's answers raise, and whether it is certain or only possible (the DSL decides).</summary>
public sealed record Flag(Indicator Indicator, bool Possible)
{
    public string Id => Indicator.Id;

    public IndicatorKind Kind => Indicator.Kind;

    /// <summary>The "because" wording that fits: the possible one for a possible flag.</summary>
    public string Because => Possible ? Indicator.PossibleBecause ?? Indicator.Because : Indicator.Because;
}

/// <summary>A cross-check of the answers: when <see cref="When"/> holds, the answers conflict and the reporter is asked to check.</summary>
public sealed class AnswerCheck
{
    public required string Id { get; init; }

    /// <summary>The note shown on the review (with an Edit button to <see cref="Step"/>) and on the DSL's card.</summary>
    public required string Note { get; init; }

    /// <summary>The step whose answers to check.</summary>
    public required string Step { get; init; }

    public required Condition When { get; init; }
}
