namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Where the DSL channel is: its Teams channel, team and tenant and the service URL to post there. Immutable: a new
/// registration or move replaces the whole address (<see cref="DslChannelProvider"/>).
/// </summary>
public sealed record DslChannelAddress(string? ChannelId, string? TeamId, string? TenantId, string? ServiceUrl)
{
    /// <summary>No channel at all (none configured, none registered).</summary>
    public static DslChannelAddress None { get; } = new(null, null, null, null);

    /// <summary>True when a channel id and an absolute http(s) service URL are known, so reports can be posted there.</summary>
    public bool CanPost =>
        !string.IsNullOrWhiteSpace(ChannelId)
        && Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The channel as configured in <see cref="DslOptions"/>.</summary>
    public static DslChannelAddress From(DslOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.ChannelId, options.TeamId, options.TenantId, options.ServiceUrl);
    }

    /// <summary>The allegations channel as configured in <see cref="AllegationsOptions"/>.</summary>
    public static DslChannelAddress From(AllegationsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(options.ChannelId, options.TeamId, options.TenantId, options.ServiceUrl);
    }

    /// <summary>True when both name the same Teams channel.</summary>
    public bool IsSameChannel(DslChannelAddress other) =>
        !string.IsNullOrWhiteSpace(ChannelId) && string.Equals(ChannelId, other?.ChannelId, StringComparison.OrdinalIgnoreCase);
}
