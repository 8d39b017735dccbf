using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>A proactive message in someone's 1:1 chat with the bot, by their Entra object id (or their Teams user id), in the DSL team's tenant.</summary>
public static class PersonalMessage
{
    /// <summary>
    /// Opens (or finds) the 1:1 chat with <paramref name="memberId"/> and sends <paramref name="text"/>; false when
    /// Teams gave no chat. Throws <see cref="ConnectorException"/> or <see cref="HttpRequestException"/> as the connector does.
    /// </summary>
    public static Task<bool> SendAsync(IConnectorClient connector, DslChannelAddress options, string memberId, string text, CancellationToken cancellationToken = default) =>
        SendAsync(connector, options, memberId, [Activity.CreateMessageActivity(text)], cancellationToken);

    /// <summary>As above, with <paramref name="messages"/> sent in order.</summary>
    public static async Task<bool> SendAsync(IConnectorClient connector, DslChannelAddress options, string memberId, IReadOnlyList<Activity> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(options);
        var chat = await connector.CreateConversationAsync(options.ServiceUrl!, new ConversationParameters
        {
            IsGroup = false,
            Members = [new ChannelAccount { Id = memberId }],
            TenantId = options.TenantId,
            ChannelData = string.IsNullOrWhiteSpace(options.TenantId) ? null : new TeamsChannelData { Tenant = new TenantInfo { Id = options.TenantId } },
        }, cancellationToken);
        if (chat?.Id is not { Length: > 0 } chatId)
        {
            return false;
        }

        foreach (var message in messages)
        {
            await connector.SendToConversationAsync(options.ServiceUrl!, chatId, message, cancellationToken);
        }

        return true;
    }
}
