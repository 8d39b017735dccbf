using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// The DSL channel and the allegations channel in use, for everyone who posts there or checks where an activity came
/// from (delivery, reminders, access checks, commands, admin alerts): each is the channel configured in
/// <see cref="DslOptions"/> when there is one (configuration always wins), else the one registered in Teams
/// (<see cref="DslChannelRegistration"/> hands it over at start-up and on every registration or move). Configuration
/// itself is never changed. The allegations channel is never the DSL channel: were both the same, there is no
/// allegations channel (allegations wait).
/// </summary>
public sealed class DslChannelProvider
{
    private readonly ServiceUrlTrustList? _trustList;
    private volatile DslChannelAddress _current;
    private volatile DslChannelAddress _allegations;

    public DslChannelProvider(IOptions<DslOptions> options, ServiceUrlTrustList? trustList = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trustList = trustList;
        _current = DslChannelAddress.From(options.Value);
        _allegations = DslChannelAddress.From(options.Value.Allegations);
        IsConfigured = !string.IsNullOrWhiteSpace(options.Value.ChannelId);
        AllegationsConfigured = !string.IsNullOrWhiteSpace(options.Value.Allegations.ChannelId);
        foreach (var configured in new[] { _current, _allegations }.Where(a => a.CanPost))
        {
            // A configured channel's service URL may get the bot's token even before any activity came from it.
            _trustList?.Trust(configured.ServiceUrl!);
        }
    }

    /// <summary>True when configuration names the DSL channel; a registration in Teams then changes nothing.</summary>
    public bool IsConfigured { get; }

    /// <summary>True when configuration names the allegations channel; a registration in Teams then changes nothing.</summary>
    public bool AllegationsConfigured { get; }

    /// <summary>The DSL channel in use now (<see cref="DslChannelAddress.None"/>'s fields when there is none).</summary>
    public DslChannelAddress Current => _current;

    /// <summary>The allegations channel in use now; <see cref="DslChannelAddress.None"/> when there is none, or when it is the DSL channel.</summary>
    public DslChannelAddress Allegations => _allegations.IsSameChannel(_current) ? DslChannelAddress.None : _allegations;

    /// <summary>Where a report goes: the allegations channel for an allegation, else the DSL channel.</summary>
    public DslChannelAddress For(bool allegation) => allegation ? Allegations : Current;

    /// <summary>
    /// Uses the DSL channel a DSL registered (at start-up, or after a registration or a confirmed move) and trusts its
    /// service URL. Ignored when configuration names the channel.
    /// </summary>
    public void UseRegistered(DslChannelAddress registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (!IsConfigured)
        {
            _current = Trusted(registered);
        }
    }

    /// <summary>Uses the allegations channel registered in Teams. Ignored when configuration names it.</summary>
    public void UseRegisteredAllegations(DslChannelAddress registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (!AllegationsConfigured)
        {
            _allegations = Trusted(registered);
        }
    }

    private DslChannelAddress Trusted(DslChannelAddress registered)
    {
        if (registered.ServiceUrl is not null)
        {
            _trustList?.Trust(registered.ServiceUrl);
        }

        return registered;
    }
}
