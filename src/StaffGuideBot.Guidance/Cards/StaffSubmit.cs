using System.Text.Json;
using System.Text.Json.Serialization;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>
/// What a button on one of the staff's cards sent back, read once from its data. The fixed keys are the ones the
/// builders write (<see cref="StaffCards"/>); the answers to a step's inputs, whose ids the content pack chooses,
/// stay a dictionary (<see cref="Inputs"/>).
/// </summary>
public sealed record StaffSubmit
{
    /// <summary>A menu button: <see cref="StaffCards.MenuReport"/>, <see cref="StaffCards.MenuQuick"/> or <see cref="StaffCards.MenuContacts"/>.</summary>
    [JsonPropertyName(StaffCards.MenuKey)]
    public string? Menu { get; init; }

    /// <summary>The open-draft offer: "continue" or "discard".</summary>
    [JsonPropertyName(StaffCards.ResumeKey)]
    public string? Resume { get; init; }

    /// <summary>The "throw this report away?" question: "yes" or "no".</summary>
    [JsonPropertyName(StaffCards.CancelKey)]
    public string? Cancel { get; init; }

    /// <summary>The report step whose card this is.</summary>
    [JsonPropertyName(StaffCards.StepKey)]
    public string? Step { get; init; }

    /// <summary>The draft the card was sent for.</summary>
    [JsonPropertyName(StaffCards.DraftKey)]
    public string? Draft { get; init; }

    /// <summary>What the button does on its step: "continue", "confirm", "answer", "submit", "another", "change", "edit", "send"…</summary>
    [JsonPropertyName(StaffCards.ActionKey)]
    public string? Action { get; init; }

    /// <summary>The answer a button gives by itself (a choice's value, "yes" or "no").</summary>
    [JsonPropertyName(StaffCards.AnswerKey)]
    public string? Answer { get; init; }

    /// <summary>The button's instance id (see <see cref="StaffCards.Stamp"/>).</summary>
    [JsonPropertyName(StaffCards.InstanceKey)]
    public string? Instance { get; init; }

    /// <summary>On a card asking one field of a form on its own: that field's id.</summary>
    [JsonPropertyName(StaffCards.FieldKey)]
    public string? Field { get; init; }

    /// <summary>On a repeat step's buttons: which item (0 = the first); null when absent or not a position.</summary>
    [JsonPropertyName(StaffCards.ItemKey)]
    [JsonConverter(typeof(CardIndexConverter))]
    public int? Item { get; init; }

    /// <summary>On the review's Edit buttons: the step to change.</summary>
    [JsonPropertyName(StaffCards.TargetKey)]
    public string? Target { get; init; }

    /// <summary>Everything the button sent, by key, as text (see <see cref="CardMessages.Values"/>): a step's inputs by question id.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();

    /// <summary>The press on a staff card that <paramref name="activity"/> is, or null when it is none (<see cref="CardMessages.Submission(Activity)"/>).</summary>
    public static StaffSubmit? From(Activity activity) => CardMessages.Submission(activity) is { } data ? Read(data) : null;

    /// <summary>Reads a button's data.</summary>
    public static StaffSubmit Read(JsonElement data) => CardMessages.Deserialize<StaffSubmit>(data) with { Inputs = CardMessages.Values(data) };
}
