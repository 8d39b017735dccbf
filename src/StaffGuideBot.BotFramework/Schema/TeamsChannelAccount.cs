namespace StaffGuideBot.BotFramework.Schema;

/// <summary>A member as the connector's members API returns it (Teams adds names and the user principal name).</summary>
public class TeamsChannelAccount : ChannelAccount
{
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? TenantId { get; set; }
    public string? UserRole { get; set; }
}
