namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Where allegations about an adult who works with children go (configuration section <c>Dsl:Allegations</c>): a
/// second channel, never the DSL channel, configured here or registered in Teams by someone on <see cref="Roster"/>.
/// </summary>
public sealed class AllegationsOptions
{
    public string? TeamId { get; set; }

    public string? ChannelId { get; set; }

    public string? TenantId { get; set; }

    public string? ServiceUrl { get; set; }

    /// <summary>Entra object ids of the headteacher and the chair of governors: the only people who may register the channel and act on allegations.</summary>
    public IList<string> Roster { get; } = [];

    public bool IsOnRoster(string? aadObjectId) =>
        !string.IsNullOrEmpty(aadObjectId) && Roster.Any(r => string.Equals(r, aadObjectId, StringComparison.OrdinalIgnoreCase));
}
