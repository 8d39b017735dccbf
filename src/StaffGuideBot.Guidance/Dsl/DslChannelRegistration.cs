using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// "@StaffGuideBot register this channel": a DSL on the roster makes the channel they are in the DSL channel, when
/// none is set in configuration (configuration always wins). The registration is stored, and handed to
/// <see cref="DslChannelProvider"/> (which delivery, reminders, triage and the channel commands ask) at start-up and
/// whenever it changes; configuration itself is never changed.
/// Once a channel is registered, moving it elsewhere needs a confirmation in the new channel by someone on the roster
/// (checked again on the click; one open request at a time, so cancelling or a newer request makes the card's buttons
/// stale). A move is announced in the old channel and audited (who, when, from, to) in the stored registration and the log.
/// "@StaffGuideBot register this channel for allegations": someone on the allegations roster makes the channel they
/// are in the allegations channel, when none is configured or registered yet (moving it is configuration's job, so
/// nobody can pull allegations elsewhere from Teams). Neither channel can be registered where the other one is.
/// </summary>
public sealed partial class DslChannelRegistration(
    ContentLibrary content,
    DslChannelProvider channel,
    DslAccess access,
    IStorage storage,
    IConnectorClient connector,
    TimeProvider clock,
    ILogger<DslChannelRegistration> logger) : IHostedService
{
    private const string Key = "dsl/channel";
    private const string MoveRequestKey = "dsl/channel-move";
    private const string AllegationsKey = "dsl/allegations-channel";
    private readonly bool _configured = channel.IsConfigured;

    public static bool IsRegisterCommand(string? text) => text is "register this channel" or "register channel";

    public static bool IsRegisterAllegationsCommand(string? text) =>
        text is "register this channel for allegations" or "register allegations channel" or "register this channel for allegation";

    /// <summary>True for a click on a move confirmation card.</summary>
    public static bool IsMoveAnswer(Activity activity) =>
        DslSubmit.From(activity)?.Move is not null;

    /// <summary>Applies the stored registrations of the channels that are not configured.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var items = await storage.ReadAsync([Key, AllegationsKey], cancellationToken);
        if (!_configured && items.TryGetValue(Key, out var item))
        {
            Apply(item.Document);
            LogRegisteredChannelInUse(logger);
        }

        if (!channel.AllegationsConfigured && items.TryGetValue(AllegationsKey, out var allegations))
        {
            channel.UseRegisteredAllegations(AddressOf(allegations.Document));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RegisterAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (!access.IsOnRoster(activity))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRosterOnly), cancellationToken);
            return;
        }

        if (_configured || ChannelOf(activity) is not { } channelId || activity.ServiceUrl is null)
        {
            await turnContext.SendActivityAsync(content.Live.Text(_configured ? TextKeys.DslRegisterConfigured : TextKeys.DslRegisterNotAChannel), cancellationToken);
            return;
        }

        if (IsAllegationsChannel(channelId))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRegisterAllegationsChannel), cancellationToken);
            return;
        }

        var current = channel.Current.ChannelId;
        if (string.Equals(current, channelId, StringComparison.Ordinal))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRegisterAlready), cancellationToken);
            return;
        }

        if (string.IsNullOrEmpty(current))
        {
            // Create-only: when someone else registered a channel meanwhile (another DSL, another instance), theirs
            // stands and this becomes a request to move, asked for like any other.
            if (!await TryRegisterFirstAsync(Registration(activity, channelId, []), cancellationToken))
            {
                await RegisterAsync(turnContext, cancellationToken);
                return;
            }

            LogRegistered(logger, channelId, activity.From?.AadObjectId ?? "?");
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRegistered), cancellationToken);
            return;
        }

        // Moving: nothing changes until someone on the roster confirms here. A newer request replaces an older one.
        var id = Guid.NewGuid().ToString("N");
        var request = new JsonObject
        {
            ["id"] = id,
            ["open"] = true,
            ["from"] = current,
            ["to"] = channelId,
            ["requestedBy"] = activity.From?.AadObjectId,
            ["requestedAt"] = Timestamp(),
        };
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [MoveRequestKey] = new StoreItem(request, StoreItem.AnyETag) }, cancellationToken);
        var pack = content.Live;
        await turnContext.SendCardAsync(DslCards.MoveQuestion(pack, id), cancellationToken);
    }

    /// <summary>A click on the move confirmation card: who and where are checked again, and the request must still be open.</summary>
    public async Task AnswerMoveAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var submit = DslSubmit.From(activity);
        var answer = submit?.Move;
        var id = submit?.MoveId;
        if (!access.IsOnRoster(activity))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRosterOnly), cancellationToken);
            return;
        }

        var items = await storage.ReadAsync([MoveRequestKey, Key], cancellationToken);
        var request = items.TryGetValue(MoveRequestKey, out var requestItem) ? requestItem.Document : null;
        var to = ChannelOf(activity);
        if (_configured || answer is not ("yes" or "no") || request is null || id is null || to is null || activity.ServiceUrl is null
            || request["open"]?.GetValue<bool>() != true
            || request["id"]?.GetValue<string>() != id
            || request["to"]?.GetValue<string>() != to
            || request["from"]?.GetValue<string>() != channel.Current.ChannelId
            || IsAllegationsChannel(to)
            || !await CloseRequestAsync(request, requestItem!.ETag, cancellationToken))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslMoveStale), cancellationToken);
            return;
        }

        if (answer == "no")
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslMoveCancelled), cancellationToken);
            return;
        }

        var old = items.TryGetValue(Key, out var oldItem) ? oldItem.Document : new JsonObject { ["channelId"] = channel.Current.ChannelId };
        var from = old["channelId"]?.GetValue<string>() ?? channel.Current.ChannelId!;
        var moves = old["moves"]?.AsArray().DeepClone().AsArray() ?? [];
        moves.Add(new JsonObject
        {
            ["by"] = activity.From?.AadObjectId,
            ["byName"] = activity.From?.Name,
            ["at"] = Timestamp(),
            ["from"] = from,
            ["to"] = to,
        });
        await SaveAsync(Registration(activity, to, moves), cancellationToken);
        LogMoved(logger, from, to, activity.From?.AadObjectId ?? "?");
        await AnnounceAsync(old, activity.From?.Name, cancellationToken);
        await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRegistered), cancellationToken);
    }

    /// <summary>
    /// "register this channel for allegations", by someone on the allegations roster, in a channel that isn't the DSL
    /// channel, when no allegations channel is configured or registered yet.
    /// </summary>
    public async Task RegisterAllegationsAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var channelId = ChannelOf(activity);
        var answer = !access.IsOnAllegationsRoster(activity) ? TextKeys.AllegationRosterOnly
            : channel.AllegationsConfigured ? TextKeys.AllegationRegisterConfigured
            : channelId is null || activity.ServiceUrl is null ? TextKeys.AllegationRegisterNotAChannel
            : string.Equals(channelId, channel.Current.ChannelId, StringComparison.OrdinalIgnoreCase) ? TextKeys.AllegationRegisterDslChannel
            : null;
        if (answer is null)
        {
            var registration = Registration(activity, channelId!, []);
            try
            {
                await storage.WriteAsync(new Dictionary<string, StoreItem> { [AllegationsKey] = new StoreItem(registration, StoreItem.CreateOnly) }, cancellationToken);
                channel.UseRegisteredAllegations(AddressOf(registration));
                LogAllegationsRegistered(logger, channelId!, activity.From?.AadObjectId ?? "?");
                answer = TextKeys.AllegationRegistered;
            }
            catch (StorageConcurrencyException)
            {
                var items = await storage.ReadAsync([AllegationsKey], cancellationToken);
                var stored = items.TryGetValue(AllegationsKey, out var item) ? item.Document : null;
                answer = stored?["channelId"]?.GetValue<string>() == channelId ? TextKeys.AllegationRegisterAlready : TextKeys.AllegationRegisterElsewhere;
            }
        }

        await turnContext.SendActivityAsync(content.Live.Text(answer), cancellationToken);
    }

    private bool IsAllegationsChannel(string channelId) =>
        string.Equals(channelId, channel.Allegations.ChannelId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Marks the request answered; false if someone else answered it first (a double click, two DSLs).</summary>
    private async Task<bool> CloseRequestAsync(JsonObject request, string? eTag, CancellationToken cancellationToken)
    {
        var closed = request.DeepClone().AsObject();
        closed["open"] = false;
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [MoveRequestKey] = new StoreItem(closed, eTag) }, cancellationToken);
            return true;
        }
        catch (StorageConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>Tells the old channel, in a new post there, that reports now go elsewhere. A failure is logged; the move stands.</summary>
    private async Task AnnounceAsync(JsonObject old, string? movedBy, CancellationToken cancellationToken)
    {
        var channelId = old["channelId"]?.GetValue<string>();
        var serviceUrl = old["serviceUrl"]?.GetValue<string>();
        if (string.IsNullOrEmpty(channelId) || string.IsNullOrEmpty(serviceUrl))
        {
            LogNotAnnounced(logger, channelId ?? "?", "NoServiceUrl");
            return;
        }

        var teamId = old["teamId"]?.GetValue<string>();
        var tenantId = old["tenantId"]?.GetValue<string>();
        var pack = content.Live;
        var text = pack.Text(TextKeys.DslMoveAnnounce, new Dictionary<string, string> { ["name"] = movedBy ?? pack.Fill("{dslShort}") });
        try
        {
            await connector.CreateConversationAsync(serviceUrl, new ConversationParameters
            {
                IsGroup = true,
                TenantId = tenantId,
                ChannelData = new TeamsChannelData
                {
                    Channel = new ChannelInfo { Id = channelId },
                    Team = string.IsNullOrWhiteSpace(teamId) ? null : new TeamInfo { Id = teamId },
                    Tenant = string.IsNullOrWhiteSpace(tenantId) ? null : new TenantInfo { Id = tenantId },
                },
                Activity = Activity.CreateMessageActivity(text),
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            LogNotAnnounced(logger, channelId, (ex as ConnectorException)?.ErrorCode ?? ex.GetType().Name);
        }
    }

    private JsonObject Registration(Activity activity, string channelId, JsonArray moves)
    {
        var teams = activity.GetTeamsChannelData();
        return new JsonObject
        {
            ["channelId"] = channelId,
            ["teamId"] = teams?.Team?.Id,
            ["tenantId"] = activity.GetTenantId(),
            ["serviceUrl"] = activity.ServiceUrl,
            ["registeredBy"] = activity.From?.AadObjectId,
            ["registeredAt"] = Timestamp(),
            ["moves"] = moves,
        };
    }

    /// <summary>Stores the first registration unless one exists; false (with the stored one applied) if one does.</summary>
    private async Task<bool> TryRegisterFirstAsync(JsonObject registration, CancellationToken cancellationToken)
    {
        try
        {
            await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new StoreItem(registration, StoreItem.CreateOnly) }, cancellationToken);
            Apply(registration);
            return true;
        }
        catch (StorageConcurrencyException)
        {
            var items = await storage.ReadAsync([Key], cancellationToken);
            if (!items.TryGetValue(Key, out var stored) || string.IsNullOrEmpty(stored.Document["channelId"]?.GetValue<string>()))
            {
                throw;
            }

            Apply(stored.Document);
            return false;
        }
    }

    private async Task SaveAsync(JsonObject registration, CancellationToken cancellationToken)
    {
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new StoreItem(registration, StoreItem.AnyETag) }, cancellationToken);
        Apply(registration);
    }

    /// <summary>
    /// The Teams channel the activity was sent in: its channel data's channel, only when the conversation is that
    /// channel or one of its threads (channel data alone is written by the client on Web Chat and Direct Line).
    /// </summary>
    private static string? ChannelOf(Activity activity) =>
        activity.GetTeamsChannelData()?.Channel?.Id is { Length: > 0 } id && DslChannel.IsTeamsConversationOf(activity, id) ? id : null;

    private string Timestamp() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private void Apply(JsonObject registration) => channel.UseRegistered(AddressOf(registration));

    private static DslChannelAddress AddressOf(JsonObject registration) => new(
        registration["channelId"]?.GetValue<string>(),
        registration["teamId"]?.GetValue<string>(),
        registration["tenantId"]?.GetValue<string>(),
        registration["serviceUrl"]?.GetValue<string>());

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the DSL channel registered in the channel (none is configured)")]
    private static partial void LogRegisteredChannelInUse(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A DSL ({By}) registered {ChannelId} as the DSL channel; reports now go there")]
    private static partial void LogRegistered(ILogger logger, string channelId, string by);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Someone on the allegations roster ({By}) registered {ChannelId} as the allegations channel; allegations now go there")]
    private static partial void LogAllegationsRegistered(ILogger logger, string channelId, string by);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The DSL channel was moved from {From} to {To} by {By}; reports now go to the new channel")]
    private static partial void LogMoved(ILogger logger, string from, string to, string by);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the old DSL channel {ChannelId} that the DSL channel moved ({Reason})")]
    private static partial void LogNotAnnounced(ILogger logger, string channelId, string reason);
}
