using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// The one place that decides who may see and change reports, for every card action and command whatever its verb:
/// <em>where</em> it came from (only the DSL channel, or for allegations only the allegations channel; a reference
/// number is not a secret and never grants anything) and <em>who</em> sent it (changes only from that channel's
/// roster). Anyone in a channel already sees every report posted there, so reading there needs no more than being there.
/// </summary>
public sealed partial class DslAccess(IOptions<DslOptions> options, DslChannelProvider channel, ILogger<DslAccess> logger)
{
    /// <summary>
    /// What <paramref name="activity"/> may do about the reports of the channel it came from (see <see cref="Shows"/>
    /// for which those are). <paramref name="request"/> names what was asked (a fixed word such as a known verb, never
    /// text from the client) for the warning logged when it is refused outright.
    /// </summary>
    public DslRight RightOf(Activity activity, string request)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (DslChannel.Contains(channel.Allegations, activity))
        {
            return options.Value.Allegations.IsOnRoster(activity.From?.AadObjectId) ? DslRight.Change : DslRight.Read;
        }

        if (!DslChannel.Contains(channel.Current, activity))
        {
            // Only known words reach the log, never a value the client made up.
            var place = activity.Conversation?.ConversationType is ConversationTypes.Personal or ConversationTypes.Channel or ConversationTypes.GroupChat
                ? activity.Conversation.ConversationType
                : "other";
            LogRefusedOutside(logger, request, place, Guid.TryParse(activity.From?.AadObjectId, out var sender) ? sender.ToString() : "unknown");
            return DslRight.None;
        }

        return IsOnRoster(activity) ? DslRight.Change : DslRight.Read;
    }

    /// <summary>
    /// True when <paramref name="reportCase"/> belongs to the channel <paramref name="activity"/> came from: an
    /// allegation only to the allegations channel, any other report only to the DSL channel. Anything else is answered
    /// as if the report did not exist.
    /// </summary>
    public bool Shows(Activity activity, ReportCase reportCase)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        return DslChannel.Contains(channel.For(reportCase.Allegation), activity);
    }

    /// <summary>True when the sender is on the DSL roster (by Entra object id), wherever they are.</summary>
    public bool IsOnRoster(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return options.Value.IsOnRoster(activity.From?.AadObjectId);
    }

    /// <summary>True when the sender is on the allegations roster (by Entra object id), wherever they are.</summary>
    public bool IsOnAllegationsRoster(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return options.Value.Allegations.IsOnRoster(activity.From?.AadObjectId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused '{Request}' about a report from outside the DSL channel (a {ConversationType} conversation, sender {AadObjectId}); nothing was looked up or written")]
    private static partial void LogRefusedOutside(ILogger logger, string request, string conversationType, string aadObjectId);
}
