using System.Text.Json;
using System.Text.Json.Serialization;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>
/// What a button on one of the DSL channel's cards sent back, read once from its data: a summary card's
/// Action.Execute (the reference and the decision, parents and note forms' inputs), the open-reports list's Show button, or
/// the channel-move question. The keys are the ones the builders write (<see cref="SummaryCard"/>,
/// the open-reports list, the channel-move question).
/// </summary>
public sealed record DslSubmit
{
    /// <summary>The open-reports list's Show button's key.</summary>
    public const string ShowKey = "dslShow";

    /// <summary>The channel-move question's keys: the answer and the request it answers.</summary>
    public const string MoveKey = "dslMove";
    public const string MoveIdKey = "dslMoveId";

    /// <summary>The report a summary card's action is about.</summary>
    [JsonPropertyName(SummaryCard.ReferenceKey)]
    public string? Reference { get; init; }

    /// <summary>The form an <see cref="SummaryCard.Verbs.OpenForm"/> action opens (<see cref="SummaryCard.Forms"/>).</summary>
    [JsonPropertyName(SummaryCard.FormKey)]
    public string? Form { get; init; }

    /// <summary>The decision form's outcomes: their ids, comma-separated (an Input.ChoiceSet with several chosen).</summary>
    [JsonPropertyName(SummaryCard.DecisionOutcomesInput)]
    public string? DecisionOutcomes { get; init; }

    [JsonPropertyName(SummaryCard.DecisionReasonsInput)]
    public string? DecisionReasons { get; init; }

    [JsonPropertyName(SummaryCard.DecisionReferenceInput)]
    public string? DecisionReference { get; init; }

    [JsonPropertyName(SummaryCard.DecisionNoteInput)]
    public string? DecisionNote { get; init; }

    /// <summary>The parents form's choice (its id).</summary>
    [JsonPropertyName(SummaryCard.ParentsChoiceInput)]
    public string? ParentsChoice { get; init; }

    [JsonPropertyName(SummaryCard.ParentsReasonsInput)]
    public string? ParentsReasons { get; init; }

    /// <summary>The inputs whose ids come from the pack: the answers outcomes ask for, and the classifications.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? PackInputs { get; init; }

    /// <summary>The recorded-in-the-school's-system form: where (optional).</summary>
    [JsonPropertyName(SummaryCard.RecordedWhereInput)]
    public string? RecordedWhere { get; init; }

    /// <summary>The note form's text.</summary>
    [JsonPropertyName(SummaryCard.NoteInput)]
    public string? Note { get; init; }

    /// <summary>The open-reports list's Show button: the report to show.</summary>
    [JsonPropertyName(ShowKey)]
    public string? Show { get; init; }

    /// <summary>The channel-move question's answer, "yes" or "no".</summary>
    [JsonPropertyName(MoveKey)]
    public string? Move { get; init; }

    /// <summary>The channel-move request the answer is for.</summary>
    [JsonPropertyName(MoveIdKey)]
    public string? MoveId { get; init; }

    /// <summary>The text of pack input <paramref name="id"/> (<see cref="SummaryCard.AskInput"/>, <see cref="SummaryCard.ClassificationInput"/>), trimmed; null when empty or not text.</summary>
    public string? PackInput(string id) =>
        PackInputs?.GetValueOrDefault(id) is { ValueKind: JsonValueKind.String } value && value.GetString()?.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The press on a DSL card that <paramref name="activity"/> is, or null when it is none (<see cref="CardMessages.Submission(Activity)"/>).</summary>
    public static DslSubmit? From(Activity activity) => CardMessages.Submission(activity) is { } data ? CardMessages.Deserialize<DslSubmit>(data) : null;

    /// <summary>The data of a summary card's Action.Execute, or null when it carries none.</summary>
    public static DslSubmit? From(AdaptiveCardInvokeValue invoke) => CardMessages.Submission(invoke) is { } data ? CardMessages.Deserialize<DslSubmit>(data) : null;
}
