using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// Once a minute, reminds staff of a draft left unfinished for the pack's <c>reminderMinutes</c> (default 20):
/// a proactive message in their chat with the draft offered back. One reminder per pause.
/// </summary>
public sealed partial class DraftReminderService(
    OpenDrafts openDrafts,
    BotAdapter adapter,
    IOptions<BotIdentityOptions> identity,
    ContentLibrary content,
    GuideBot bot,
    TimeProvider clock,
    ILogger<DraftReminderService> logger) : BackgroundService
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromMinutes(1);

    private readonly System.Security.Claims.ClaimsIdentity _bot = BotClaims.CreateIdentity(identity.Value.MicrosoftAppId);

    /// <summary>Sends every reminder that is due now; returns how many went out.</summary>
    public async Task<int> SendDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var sent = 0;
        foreach (var (conversationId, reference, updatedAt) in await openDrafts.DueAsync(now, TimeSpan.FromMinutes(content.Live.Settings.ReminderMinutes), cancellationToken))
        {
            try
            {
                await adapter.ContinueConversationAsync(_bot, reference, async (turn, ct) =>
                {
                    await turn.SendActivityAsync(content.Live.Text(TextKeys.Reminder), ct);
                    await turn.SendCardAsync(bot.ResumeOffer(content.Live, updatedAt), ct);
                }, cancellationToken);
                await openDrafts.MarkRemindedAsync(conversationId, updatedAt, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is BotFramework.Connector.ConnectorException or HttpRequestException)
            {
                // Tried again at the next check.
                LogReminderFailed(logger, ex.GetType().Name);
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendDueRemindersAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draft reminder could not be delivered ({Reason}); it will be tried again")]
    private static partial void LogReminderFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking for due draft reminders failed ({Reason})")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
