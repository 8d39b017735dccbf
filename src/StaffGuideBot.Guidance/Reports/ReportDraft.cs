using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A report being written, kept in the conversation's state so it survives restarts. Answers are JSON: a string for
/// text, choice, yes/no (yes|no|unsure), date (yyyy-MM-dd) and time (HH:mm); a number; true/false for a toggle;
/// an array of strings for multichoice; an array of objects (one per item) for a repeat step, under the step id.
/// </summary>
public sealed class ReportDraft
{
    /// <summary>A short random id, carried in every card of this draft so a press on another draft's card is recognised.</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The content version the reporter saw.</summary>
    public string ContentVersion { get; set; } = string.Empty;

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The step whose card was last sent (stale presses are checked against it).</summary>
    public string? CurrentStep { get; set; }

    public JsonObject Answers { get; set; } = [];

    /// <summary>
    /// The cards (by instance id, see <see cref="Cards.StaffCards.InstanceKey"/>) whose submission was taken, the latest
    /// last: the same submission again (a double click, a Teams retry, a second device) changes nothing.
    /// </summary>
    public List<string> AnsweredCards { get; set; } = [];

    /// <summary>How many step cards this draft has sent: the number of the latest (see <see cref="Flow.CardInstances"/>).</summary>
    public long CardsSent { get; set; }

    /// <summary>True once a reminder about this draft was sent.</summary>
    public bool Reminded { get; set; }
}
