using System.Diagnostics;
using StaffGuideBot.BotFramework.Schema;
using BotActivity = StaffGuideBot.BotFramework.Schema.Activity;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>
/// The bot's one name for OpenTelemetry (its <see cref="System.Diagnostics.Metrics.Meter"/> and its
/// <see cref="ActivitySource"/>), and the span of a turn. Spans and tags carry fixed words only (the kind of activity,
/// the kind of conversation), never what anyone wrote. With no listener (nothing configured) starting a span costs a
/// check and returns null.
/// </summary>
public static class BotTelemetry
{
    /// <summary>The name of the bot's meter and activity source.</summary>
    public const string Name = "StaffGuideBot";

    private static readonly string[] ActivityTypeWords =
    [
        ActivityTypes.Message, ActivityTypes.Invoke, ActivityTypes.ConversationUpdate, ActivityTypes.InstallationUpdate,
        ActivityTypes.MessageReaction, ActivityTypes.MessageUpdate, ActivityTypes.MessageDelete, ActivityTypes.Event, ActivityTypes.Typing,
    ];

    private static readonly string[] ConversationTypeWords = [ConversationTypes.Personal, ConversationTypes.Channel, ConversationTypes.GroupChat];

    /// <summary>Where the bot's own spans come from.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>
    /// Starts the span of one turn (<paramref name="proactive"/>: one the bot starts itself, e.g. a reminder), tagged
    /// with the activity's type and the conversation's type, each one of a fixed set of words ("other" for anything
    /// else: both are the caller's strings); null when nobody listens.
    /// </summary>
    public static System.Diagnostics.Activity? StartTurn(BotActivity? activity, bool proactive)
    {
        var span = Source.StartActivity(proactive ? "bot proactive turn" : "bot turn", ActivityKind.Internal);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("bot.activity.type", Known(activity?.Type, ActivityTypeWords));
            span.SetTag("bot.conversation.type", Known(activity?.Conversation?.ConversationType, ConversationTypeWords));
        }

        return span;
    }

    private static string Known(string? value, string[] known) =>
        value is not null && Array.IndexOf(known, value) >= 0 ? value : "other";
}
