using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Whether an activity belongs to the DSL channel: a Teams activity whose conversation is the channel or one of its
/// threads (<c>{channel};messageid=…</c>), with channel data, team and tenant agreeing where they are present and
/// configured. Channel data alone proves nothing: on Web Chat and Direct Line the client writes it.
/// </summary>
public static class DslChannel
{
    public static bool Contains(DslOptions options, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Contains(DslChannelAddress.From(options), activity);
    }

    public static bool Contains(DslChannelAddress address, Activity activity)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(activity);
        var channel = address.ChannelId;
        if (string.IsNullOrEmpty(channel) || !IsTeamsConversationOf(activity, channel))
        {
            return false;
        }

        var teams = activity.GetTeamsChannelData();
        return Agrees(teams?.Channel?.Id, channel)
            && Agrees(teams?.Team?.Id, address.TeamId)
            && Agrees(activity.GetTenantId(), address.TenantId);
    }

    /// <summary>True when <paramref name="activity"/> is a Teams activity in channel <paramref name="channelId"/> itself or one of its threads (<c>{channel};messageid=…</c>).</summary>
    public static bool IsTeamsConversationOf(Activity activity, string channelId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        return activity.ChannelId == Channels.Msteams
            && activity.Conversation?.Id is { } conversation
            && (conversation == channelId || conversation.StartsWith(channelId + ";", StringComparison.Ordinal));
    }

    /// <summary>True unless both are given and differ.</summary>
    private static bool Agrees(string? seen, string? expected) =>
        string.IsNullOrEmpty(seen) || string.IsNullOrEmpty(expected) || string.Equals(seen, expected, StringComparison.OrdinalIgnoreCase);
}
