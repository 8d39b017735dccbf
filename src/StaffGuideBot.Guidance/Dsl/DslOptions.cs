using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Where reports go and who may act on them (configuration section <c>Dsl</c>). The channel is either configured
/// here or registered by a DSL with "register this channel"; the roster is always configuration.
/// </summary>
public sealed class DslOptions
{
    public const string SectionName = "Dsl";

    /// <summary>The DSL team's id (Teams <c>channelData.team.id</c>).</summary>
    public string? TeamId { get; set; }

    /// <summary>The DSL channel's id (Teams <c>channelData.channel.id</c>, e.g. <c>19:…@thread.tacv2</c>).</summary>
    public string? ChannelId { get; set; }

    public string? TenantId { get; set; }

    /// <summary>The Teams service URL for the channel (e.g. https://smba.trafficmanager.net/uk/).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Entra object ids of the DSL and deputies: the only people who may triage reports.</summary>
    public IList<string> Roster { get; } = [];

    /// <summary>Entra object ids of the deputies, mentioned in reminders when a report waits too long.</summary>
    public IList<string> Deputies { get; } = [];

    /// <summary>Tell the reporter to phone the DSL if delivery has not succeeded within this time.</summary>
    public TimeSpan DeliveryWarningAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Remind in the thread when a report is not acknowledged within this time …</summary>
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>… or this, when immediate danger or any of the five points applies.</summary>
    public TimeSpan UrgentAcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The next step of the ladder: an urgent report still not acknowledged one reminder period after this many
    /// reminders is sent to each person on the roster and the headteacher in a private chat (0 turns it off).
    /// </summary>
    public int EscalateAfterReminders { get; set; } = 2;

    /// <summary>The headteacher's Entra object id, told with the roster when an urgent report waits too long (optional).</summary>
    public string? Headteacher { get; set; }

    /// <summary>When the DSL channel is read (<c>Dsl:SchoolHours</c>); outside them a receipt says who to phone now.</summary>
    public SchoolHours SchoolHours { get; set; } = new();

    /// <summary>When each school term starts, as month-day (e.g. "09-01"); null means 1 September, 1 January and 15 April. "Trends" counts this term and the last.</summary>
    public string[]? TermStarts { get; set; }

    /// <summary>The allegations channel and its roster (<c>Dsl:Allegations</c>).</summary>
    public AllegationsOptions Allegations { get; } = new();

    public bool IsOnRoster(string? aadObjectId) =>
        !string.IsNullOrEmpty(aadObjectId) && Roster.Any(r => string.Equals(r, aadObjectId, StringComparison.OrdinalIgnoreCase));
}
