using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>The DSL channel's smaller cards; the report's own card is <see cref="SummaryCard"/>.</summary>
public static class DslCards
{
    /// <summary>"Move the DSL channel here?": yes or no, for the move request <paramref name="requestId"/>.</summary>
    public static JsonObject MoveQuestion(ContentPack pack, string requestId)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Card(
            [Text(pack.Text(TextKeys.DslMoveConfirm), bold: true)],
            [
                Submit(pack.Text(TextKeys.DslMoveYes), new JsonObject { [DslSubmit.MoveKey] = "yes", [DslSubmit.MoveIdKey] = requestId }, positive: true),
                Submit(pack.Text(TextKeys.DslMoveNo), new JsonObject { [DslSubmit.MoveKey] = "no", [DslSubmit.MoveIdKey] = requestId }),
            ]);
    }

    /// <summary>
    /// What a new report thread holds until its summary replaces it: the reference only. Its id names the delivery
    /// attempt, so a thread left by an interrupted attempt can be recognised.
    /// </summary>
    public static JsonObject Placeholder(ContentPack pack, string reference, string attemptId)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var placeholder = Text(pack.Text(TextKeys.DeliveryPlaceholder, new Dictionary<string, string> { ["reference"] = reference }));
        placeholder["id"] = $"attempt-{attemptId}";
        return Card([placeholder]);
    }
}
