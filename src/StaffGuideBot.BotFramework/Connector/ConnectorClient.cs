using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Connector;

/// <summary>
/// The Bot Connector REST API v3 over <see cref="HttpClient"/>. Every call:
/// refuses to send the bot's token to a service URL that <see cref="ServiceUrlTrustList"/> does not trust
/// (<c>UntrustedServiceUrl</c>, nothing sent); waits its turn per conversation for activity writes
/// (<see cref="ConversationRateLimiter"/>); retries transient failures with Polly, honouring <c>Retry-After</c>;
/// and turns a final failure into a <see cref="ConnectorException"/> carrying the channel's error code.
/// Logs name operations, statuses and error codes, never activity content or tokens.
/// </summary>
public sealed partial class ConnectorClient : IConnectorClient
{
    /// <summary>The name of the <see cref="HttpClient"/> this client asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "StaffGuideBot.BotConnector";

    private const int MaxErrorMessageLength = 300;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IAccessTokenProvider _tokenProvider;
    private readonly ServiceUrlTrustList _trustList;
    private readonly ConversationRateLimiter _rateLimiter;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _retryPipeline;
    private readonly ResiliencePipeline _attemptTimeout;

    public ConnectorClient(
        IHttpClientFactory httpClientFactory,
        IAccessTokenProvider tokenProvider,
        ServiceUrlTrustList trustList,
        ConversationRateLimiter rateLimiter,
        IOptions<ConnectorOptions> options,
        ILogger<ConnectorClient> logger,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(tokenProvider);
        ArgumentNullException.ThrowIfNull(trustList);
        ArgumentNullException.ThrowIfNull(rateLimiter);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _httpClientFactory = httpClientFactory;
        _tokenProvider = tokenProvider;
        _trustList = trustList;
        _rateLimiter = rateLimiter;
        _logger = logger;
        _retryPipeline = ConnectorResilience.CreateRetryPipeline(options.Value, timeProvider, logger);
        _attemptTimeout = ConnectorResilience.CreateAttemptTimeoutPipeline(options.Value, timeProvider);
    }

    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new ConnectorCall("SendToConversation", HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities", Serialize(activity), conversationId);
        return await SendForResourceAsync(call, cancellationToken);
    }

    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new ConnectorCall("ReplyToActivity", HttpMethod.Post, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Serialize(activity), conversationId);
        return await SendForResourceAsync(call, cancellationToken);
    }

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        ArgumentNullException.ThrowIfNull(activity);
        var call = new ConnectorCall("UpdateActivity", HttpMethod.Put, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Serialize(activity), conversationId);
        return await SendForResourceAsync(call, cancellationToken);
    }

    public async Task DeleteActivityAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(activityId);
        var call = new ConnectorCall("DeleteActivity", HttpMethod.Delete, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, conversationId);
        await SendAsync(call, cancellationToken);
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // A new thread in a Teams channel is a post to that channel, so it is paced with the channel's other posts.
        var channelId = BotJson.ConvertOrDefault<TeamsChannelData>(parameters.ChannelData)?.Channel?.Id;
        var call = new ConnectorCall("CreateConversation", HttpMethod.Post, serviceUrl,
            "v3/conversations", Serialize(parameters), string.IsNullOrEmpty(channelId) ? null : channelId);
        var (status, body) = await SendAsync(call, cancellationToken);
        return Deserialize<ConversationResourceResponse>(call, status, body) ?? new ConversationResourceResponse();
    }

    public async Task<TeamsChannelAccount> GetConversationMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        var call = new ConnectorCall("GetConversationMember", HttpMethod.Get, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/members/{Escape(memberId)}", null, null);
        var (status, body) = await SendAsync(call, cancellationToken);
        var member = Deserialize<TeamsChannelAccount>(call, status, body)
            ?? throw new ConnectorException(status, "InvalidResponse", $"Bot Connector {call.Operation} returned HTTP {status} without a member.");

        // The members list names the Entra object id "objectId"; a single member names it "aadObjectId".
        if (string.IsNullOrEmpty(member.AadObjectId)
            && member.Properties?.TryGetValue("objectId", out var objectId) == true
            && objectId.ValueKind == JsonValueKind.String)
        {
            member.AadObjectId = objectId.GetString();
        }

        return member;
    }

    /// <summary>One id as one path segment: Teams ids hold <c>:</c>, <c>;</c>, <c>@</c>, <c>=</c> and must not be read as path syntax.</summary>
    internal static string Escape(string id) => Uri.EscapeDataString(id);

    private async Task<ResourceResponse> SendForResourceAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(call, cancellationToken);
        return Deserialize<ResourceResponse>(call, status, body) ?? new ResourceResponse();
    }

    private async Task<(int Status, byte[] Body)> SendAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        var uri = BuildUri(call);
        var attachToken = await DecideTokenAsync(call, uri, cancellationToken);

        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ConnectorResilience.OperationKey, call.Operation);
        try
        {
            using var response = await _retryPipeline.ExecuteAsync(
                static (ctx, state) => state.Client.SendAttemptAsync(state.Call, state.Uri, state.AttachToken, ctx.CancellationToken),
                context,
                (Client: this, Call: call, Uri: uri, AttachToken: attachToken));

            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (status, body);
            }

            var (errorCode, serviceMessage) = ReadError(body);
            LogFailed(_logger, call.Operation, status, errorCode ?? "-");
            throw new ConnectorException(status, errorCode,
                $"Bot Connector {call.Operation} failed with HTTP {status}" +
                (errorCode is null ? string.Empty : $" ({errorCode})") +
                (serviceMessage is null ? $" {response.ReasonPhrase}." : $": {serviceMessage}"));
        }
        catch (HttpRequestException ex)
        {
            LogFailed(_logger, call.Operation, 0, "ConnectionFailed");
            throw new ConnectorException(0, "ConnectionFailed",
                $"Bot Connector {call.Operation} could not reach the service URL: {ex.Message}", ex);
        }
        catch (TimeoutRejectedException ex)
        {
            LogFailed(_logger, call.Operation, 0, "Timeout");
            throw new ConnectorException(0, "Timeout", $"Bot Connector {call.Operation} timed out.", ex);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: a fresh request (a request message cannot be sent twice), paced, with a current token.</summary>
    private async ValueTask<HttpResponseMessage> SendAttemptAsync(ConnectorCall call, Uri uri, bool attachToken, CancellationToken cancellationToken)
    {
        if (call.RateLimitKey is { } key)
        {
            await _rateLimiter.WaitAsync(key, cancellationToken);
        }

        using var request = new HttpRequestMessage(call.Method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = JsonContentType;
        }

        if (attachToken)
        {
            var token = await GetTokenAsync(call, cancellationToken)
                ?? throw new ConnectorException(0, "TokenAcquisitionFailed", $"Bot Connector {call.Operation}: the token provider returned no token.");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var client = _httpClientFactory.CreateClient(HttpClientName);
        return await _attemptTimeout.ExecuteAsync(
            static async (state, ct) => await state.Client.SendAsync(state.Request, HttpCompletionOption.ResponseContentRead, ct),
            (Client: client, Request: request),
            cancellationToken);
    }

    /// <summary>
    /// Whether the call carries the bot's token. A token goes only to a trusted service URL, over https (or http on
    /// loopback, for local tests); when one would be needed anywhere else, the call fails before anything is sent.
    /// </summary>
    private async Task<bool> DecideTokenAsync(ConnectorCall call, Uri uri, CancellationToken cancellationToken)
    {
        var trusted = _trustList.IsTrusted(call.ServiceUrl);
        var token = await GetTokenAsync(call, cancellationToken);
        if (token is null)
        {
            return false; // local mode: no identity, nothing to protect
        }

        if (!trusted)
        {
            LogRefused(_logger, call.Operation, "UntrustedServiceUrl", uri.Host);
            throw new ConnectorException(0, "UntrustedServiceUrl",
                $"Bot Connector {call.Operation} was not sent: the service URL on host '{uri.Host}' is not trusted, so the bot's token may not go there.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            LogRefused(_logger, call.Operation, "InsecureServiceUrl", uri.Host);
            throw new ConnectorException(0, "InsecureServiceUrl",
                $"Bot Connector {call.Operation} was not sent: the bot's token is sent only over https.");
        }

        return true;
    }

    private async Task<string?> GetTokenAsync(ConnectorCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await _tokenProvider.GetAccessTokenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ConnectorException)
        {
            LogFailed(_logger, call.Operation, 0, "TokenAcquisitionFailed");
            throw new ConnectorException(0, "TokenAcquisitionFailed",
                $"Bot Connector {call.Operation} was not sent: the bot's access token could not be acquired ({ex.GetType().Name}).", ex);
        }
    }

    private static Uri BuildUri(ConnectorCall call)
    {
        if (!Uri.TryCreate(call.ServiceUrl, UriKind.Absolute, out var serviceUri)
            || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(serviceUri.UserInfo))
        {
            throw new ConnectorException(0, "InvalidServiceUrl",
                $"Bot Connector {call.Operation} was not sent: the service URL is not an absolute http(s) URL.");
        }

        var basePath = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{basePath}/{call.RelativePath}", UriKind.Absolute);
    }

    private static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, BotJson.Options);

    private T? Deserialize<T>(ConnectorCall call, int status, byte[] body) where T : class
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            LogUnreadableBody(_logger, call.Operation, status);
            return null;
        }
    }

    /// <summary>Reads <c>{"error":{"code","message"}}</c>; anything else yields no code.</summary>
    private static (string? Code, string? Message) ReadError(byte[] body)
    {
        if (body.Length == 0)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (string.IsNullOrWhiteSpace(code) ? null : code, Truncate(message));
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. an HTML error page from a proxy): status only.
        }

        return (null, null);
    }

    private static string? Truncate(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(message.Length, MaxErrorMessageLength + 1));
        foreach (var ch in message)
        {
            if (builder.Length == MaxErrorMessageLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(ch) ? ' ' : ch);
        }

        return builder.ToString();
    }

    private sealed record ConnectorCall(
        string Operation,
        HttpMethod Method,
        string ServiceUrl,
        string RelativePath,
        byte[]? Body,
        string? RateLimitKey);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Bot Connector {Operation} failed: HTTP {StatusCode} {ErrorCode}.")]
    private static partial void LogFailed(ILogger logger, string operation, int statusCode, string errorCode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Bot Connector {Operation} refused ({Reason}) for host {Host}; nothing was sent.")]
    private static partial void LogRefused(ILogger logger, string operation, string reason, string host);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Bot Connector {Operation} returned HTTP {StatusCode} with a body that is not the expected JSON.")]
    private static partial void LogUnreadableBody(ILogger logger, string operation, int statusCode);
}
