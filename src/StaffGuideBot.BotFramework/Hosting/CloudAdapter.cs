using System.Buffers;
using System.Net.Mime;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>
/// Turns an HTTP POST from a channel into a turn and answers as the Bot Framework does: 200 for activities,
/// the invoke response for invokes, the buffered replies for <c>deliveryMode: expectReplies</c>;
/// 400/413/415 with problem details for bad requests; 401/403 when authentication fails.
/// Replies in normal delivery go to the channel through the <see cref="IConnectorClient"/>.
/// </summary>
public sealed partial class CloudAdapter : BotAdapter
{
    private readonly IConnectorClient _connector;
    private readonly BotFrameworkAuthenticator _authenticator;
    private readonly ServiceUrlTrustList _trustList;
    private readonly BotEndpointOptions _options;
    private readonly ILogger<CloudAdapter> _logger;

    public CloudAdapter(
        IConnectorClient connector,
        BotFrameworkAuthenticator authenticator,
        ServiceUrlTrustList trustList,
        IOptions<BotEndpointOptions> options,
        ILogger<CloudAdapter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connector = connector;
        _authenticator = authenticator;
        _trustList = trustList;
        _options = options.Value;
        _logger = logger;
    }

    public async Task ProcessAsync(HttpRequest request, HttpResponse response, IBot bot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(bot);
        var traceId = request.HttpContext.TraceIdentifier;

        if (!IsJson(request.ContentType))
        {
            await WriteProblemAsync(response, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the activity as application/json.").ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await WriteProblemAsync(response, StatusCodes.Status413PayloadTooLarge, "Request too large", $"The activity is larger than {_options.MaxRequestBodyBytes} bytes.").ConfigureAwait(false);
            return;
        }

        Activity? activity;
        try
        {
            // Values kept as JsonElement are copied out of the buffer by the serializer, so it can go back to the pool.
            activity = JsonSerializer.Deserialize<Activity>(body.Value.Buffer.AsSpan(0, body.Value.Length), BotJson.Options);
        }
        catch (JsonException)
        {
            activity = null;
        }
        finally
        {
            // Cleared: the body quotes what the user typed, and pooled arrays are handed to other code next.
            ArrayPool<byte>.Shared.Return(body.Value.Buffer, clearArray: true);
        }

        if (activity is null)
        {
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "Malformed activity", "The body is not a JSON activity.").ConfigureAwait(false);
            return;
        }

        var missing = MissingRequiredField(activity);
        if (missing is not null)
        {
            await WriteProblemAsync(response, StatusCodes.Status400BadRequest, "Incomplete activity", $"The activity has no {missing}.").ConfigureAwait(false);
            return;
        }

        var authentication = await _authenticator.AuthenticateAsync(
            request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            activity,
            CameThroughProxy(request.Headers) ? null : request.HttpContext.Connection.RemoteIpAddress,
            cancellationToken).ConfigureAwait(false);
        if (!authentication.Succeeded)
        {
            LogRefused(_logger, authentication.StatusCode, traceId, authentication.Reason ?? string.Empty);
            await WriteProblemAsync(response, authentication.StatusCode, authentication.StatusCode == 403 ? "Forbidden" : "Unauthorized", authentication.Reason).ConfigureAwait(false);
            return;
        }

        if (authentication.VouchesForServiceUrl)
        {
            _trustList.Trust(activity.ServiceUrl!);
        }

        var turnContext = new TurnContext(this, activity, traceId);
        turnContext.TurnState.Set(authentication.Identity!);
        LogTurn(_logger, activity.Type!, traceId);
        using (BotTelemetry.StartTurn(activity, proactive: false))
        {
            await RunPipelineAsync(turnContext, bot.OnTurnAsync, cancellationToken).ConfigureAwait(false);
        }

        if (activity.Type == ActivityTypes.Invoke)
        {
            var invokeResponse = turnContext.TurnState.Get<InvokeResponse>(InvokeResponseKey) ?? new InvokeResponse { Status = StatusCodes.Status501NotImplemented };
            response.StatusCode = invokeResponse.Status;
            if (invokeResponse.Body is not null)
            {
                await response.WriteAsJsonAsync(invokeResponse.Body, invokeResponse.Body.GetType(), BotJson.Options, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (activity.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            response.StatusCode = StatusCodes.Status200OK;
            await response.WriteAsJsonAsync(new ExpectedReplies { Activities = [.. turnContext.BufferedReplies] }, BotJson.Options, cancellationToken).ConfigureAwait(false);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Runs a proactive turn in the conversation of <paramref name="reference"/> (e.g. a reminder or a DSL notice) under
    /// the bot's identity. It passes the same middleware as any turn, so what it sends goes out once its state is saved;
    /// a failure reaches the caller (see <see cref="BotAdapter.ContinueConversationAsync"/>).
    /// </summary>
    public override async Task ContinueConversationAsync(ClaimsIdentity claimsIdentity, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimsIdentity);
        ArgumentNullException.ThrowIfNull(reference);
        var turnContext = new TurnContext(this, reference.GetContinuationActivity());
        turnContext.TurnState.Set(claimsIdentity);
        using (BotTelemetry.StartTurn(turnContext.Activity, proactive: true))
        {
            await RunPipelineAsync(turnContext, callback, cancellationToken, errorsToCaller: true).ConfigureAwait(false);
        }
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Count];
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var conversationId = activity.Conversation?.Id ?? throw new InvalidOperationException("An outgoing activity needs a conversation.");
            var serviceUrl = activity.ServiceUrl ?? throw new InvalidOperationException("An outgoing activity needs a service URL.");
            responses[i] = string.IsNullOrEmpty(activity.ReplyToId)
                ? await _connector.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false)
                : await _connector.ReplyToActivityAsync(serviceUrl, conversationId, activity.ReplyToId, activity, cancellationToken).ConfigureAwait(false);
        }

        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (string.IsNullOrEmpty(activity.Id))
        {
            throw new ArgumentException("The activity to update needs its id.", nameof(activity));
        }

        return _connector.UpdateActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, activity.Id, activity, cancellationToken);
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _connector.DeleteActivityAsync(reference.ServiceUrl!, reference.Conversation!.Id!, reference.ActivityId!, cancellationToken);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && contentType.Split(';', 2)[0].Trim() is var mediaType
        && (string.Equals(mediaType, MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when a proxy says it forwarded the request (for another computer, or from the internet): such a request is
    /// never "from this computer", so local mode's anonymous access can't be reached through a reverse proxy that says
    /// so. A proxy that adds none of these headers can't be told apart: never put a bot in local mode behind one.
    /// </summary>
    private static bool CameThroughProxy(IHeaderDictionary headers) =>
        ProxyHeaders.Any(headers.ContainsKey);

    private static readonly string[] ProxyHeaders =
        ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "Via", "X-Original-For", "X-Real-IP", "X-ARR-ClientIP", "X-Client-IP"];

    private static string? MissingRequiredField(Activity activity) =>
        string.IsNullOrWhiteSpace(activity.Type) ? "type"
        : string.IsNullOrWhiteSpace(activity.Conversation?.Id) ? "conversation id"
        : string.IsNullOrWhiteSpace(activity.ServiceUrl) ? "serviceUrl"
        : !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ? "valid serviceUrl"
        : string.IsNullOrWhiteSpace(activity.ChannelId) ? "channelId"
        : HasEmptyEntry(activity.Entities) ? "empty entry in entities"
        : HasEmptyEntry(activity.Attachments) ? "empty entry in attachments"
        : HasEmptyEntry(activity.MembersAdded) ? "empty entry in membersAdded"
        : HasEmptyEntry(activity.MembersRemoved) ? "empty entry in membersRemoved"
        : null;

    /// <summary>A JSON <c>null</c> inside a list the schema defines as a list of objects.</summary>
    private static bool HasEmptyEntry<T>(IList<T>? items) where T : class => items?.Any(item => item is null) == true;

    /// <summary>
    /// Reads the body up to the limit into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller returns it);
    /// null when it is larger. With a Content-Length the buffer is sized once; a chunked body grows it as it comes.
    /// </summary>
    private async Task<(byte[] Buffer, int Length)?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = _options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        // One byte more than announced, so the read that sees the end needs no bigger buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var announced ? (int)announced + 1 : 4096);
        var length = 0;
        var handedOver = false;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                    buffer = bigger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    handedOver = true;
                    return (buffer, length);
                }

                length += read;
                if (length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        finally
        {
            if (!handedOver)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    private static Task WriteProblemAsync(HttpResponse response, int status, string title, string? detail)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        response.StatusCode = status;
        return response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn {TraceId}: {ActivityType}")]
    private static partial void LogTurn(ILogger logger, string activityType, string traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {TraceId} refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string traceId, string reason);
}
