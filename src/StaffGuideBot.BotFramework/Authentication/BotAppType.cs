namespace StaffGuideBot.BotFramework.Authentication;

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedManagedIdentity,
}
