using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API (v3) at a channel's service URL. Every call names the service URL it goes to;
/// the bot's token is attached only when that URL is trusted (<see cref="Authentication.ServiceUrlTrustList"/>).
/// Failures throw <see cref="ConnectorException"/> after retries.
/// </summary>
public interface IConnectorClient
{
    /// <summary>POST /v3/conversations/{conversationId}/activities</summary>
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>PUT /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default);

    /// <summary>DELETE /v3/conversations/{conversationId}/activities/{activityId}</summary>
    Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default);

    /// <summary>POST /v3/conversations (a 1:1 chat, or a new thread in a Teams channel via channelData.channel.id)</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default);

    /// <summary>GET /v3/conversations/{conversationId}/members/{memberId}</summary>
    Task<TeamsChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken = default);
}
