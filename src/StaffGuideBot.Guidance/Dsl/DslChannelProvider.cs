using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// The DSL channel in use, for everyone who posts there or checks where an activity came from (delivery, reminders,
/// access checks, commands, admin alerts): the channel configured in <see cref="DslOptions"/> when there is one
/// (configuration always wins), else the one a DSL registered in Teams (<see cref="DslChannelRegistration"/> hands it
/// over at start-up and on every registration or move). Configuration itself is never changed.
/// </summary>
public sealed class DslChannelProvider
{
    private readonly ServiceUrlTrustList? _trustList;
    private volatile DslChannelAddress _current;

    public DslChannelProvider(IOptions<DslOptions> options, ServiceUrlTrustList? trustList = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trustList = trustList;
        _current = DslChannelAddress.From(options.Value);
        IsConfigured = !string.IsNullOrWhiteSpace(options.Value.ChannelId);
        if (_current.CanPost)
        {
            // The configured channel's service URL may get the bot's token even before any activity came from it.
            _trustList?.Trust(_current.ServiceUrl!);
        }
    }

    /// <summary>True when configuration names the channel; a registration in Teams then changes nothing.</summary>
    public bool IsConfigured { get; }

    /// <summary>The channel in use now (<see cref="DslChannelAddress.None"/>'s fields when there is none).</summary>
    public DslChannelAddress Current => _current;

    /// <summary>
    /// Uses the channel a DSL registered (at start-up, or after a registration or a confirmed move) and trusts its
    /// service URL. Ignored when configuration names the channel.
    /// </summary>
    public void UseRegistered(DslChannelAddress registered)
    {
        ArgumentNullException.ThrowIfNull(registered);
        if (IsConfigured)
        {
            return;
        }

        _current = registered;
        if (registered.ServiceUrl is not null)
        {
            _trustList?.Trust(registered.ServiceUrl);
        }
    }
}
