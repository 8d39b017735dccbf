using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// "@StaffGuideBot register this channel": a DSL on the roster makes the channel they are in the DSL channel, when
/// none is set in configuration (configuration always wins). The registration is stored and applied again at
/// start-up, into the same <see cref="DslOptions"/> that delivery, triage and the channel commands read.
/// </summary>
public sealed partial class DslChannelRegistration(
    ContentLibrary content,
    IOptions<DslOptions> options,
    IStorage storage,
    ServiceUrlTrustList trustList,
    TimeProvider clock,
    ILogger<DslChannelRegistration> logger) : IHostedService
{
    private const string Key = "dsl/channel";
    private readonly bool _configured = !string.IsNullOrWhiteSpace(options.Value.ChannelId);

    public static bool IsRegisterCommand(string? text) => text is "register this channel" or "register channel";

    /// <summary>Applies a stored registration when the channel is not configured.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_configured)
        {
            return;
        }

        var items = await storage.ReadAsync([Key], cancellationToken);
        if (items.TryGetValue(Key, out var item))
        {
            Apply(item.Document);
            LogRegisteredChannelInUse(logger);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RegisterAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var teams = activity.GetTeamsChannelData();
        if (!options.Value.IsOnRoster(activity.From?.AadObjectId))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslNotAllowed), cancellationToken);
            return;
        }

        if (_configured || teams?.Channel?.Id is not { Length: > 0 } channelId || activity.ServiceUrl is null)
        {
            await turnContext.SendActivityAsync(content.Live.Text(_configured ? TextKeys.DslRegisterConfigured : TextKeys.DslRegisterNotAChannel), cancellationToken);
            return;
        }

        var registration = new JsonObject
        {
            ["channelId"] = channelId,
            ["teamId"] = teams.Team?.Id,
            ["tenantId"] = activity.GetTenantId(),
            ["serviceUrl"] = activity.ServiceUrl,
            ["registeredBy"] = activity.From?.AadObjectId,
            ["registeredAt"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new StoreItem(registration, StoreItem.AnyETag) }, cancellationToken);
        Apply(registration);
        LogRegistered(logger);
        await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRegistered), cancellationToken);
    }

    private void Apply(JsonObject registration)
    {
        var target = options.Value;
        target.ChannelId = registration["channelId"]?.GetValue<string>();
        target.TeamId = registration["teamId"]?.GetValue<string>();
        target.TenantId = registration["tenantId"]?.GetValue<string>();
        target.ServiceUrl = registration["serviceUrl"]?.GetValue<string>();
        if (target.ServiceUrl is not null)
        {
            trustList.Trust(target.ServiceUrl);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Using the DSL channel registered in the channel (none is configured)")]
    private static partial void LogRegisteredChannelInUse(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A DSL registered a new DSL channel; reports now go there")]
    private static partial void LogRegistered(ILogger logger);
}
