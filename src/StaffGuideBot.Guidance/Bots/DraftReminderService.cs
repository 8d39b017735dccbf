using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Bots;

/// <summary>
/// Once a minute, reminds staff of a draft left unfinished for the pack's <c>reminderMinutes</c> (default 20):
/// a proactive message in their chat with the draft offered back. One reminder per pause.
/// </summary>
public sealed partial class DraftReminderService(
    OpenDrafts openDrafts,
    StorageLeases leases,
    BotAdapter adapter,
    IOptions<BotIdentityOptions> identity,
    ContentLibrary content,
    GuideBot bot,
    TimeProvider clock,
    ILogger<DraftReminderService> logger) : PeriodicBackgroundService(clock, logger)
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The lease that lets one instance at a time send draft reminders (see <see cref="StorageLeases"/>).</summary>
    public const string LeaseName = "jobs/draft-reminders";

    protected override TimeSpan Period => CheckEvery;

    protected override string WorkName => "Checking for due draft reminders";

    private readonly System.Security.Claims.ClaimsIdentity _bot = BotClaims.CreateIdentity(identity.Value.MicrosoftAppId);

    /// <summary>Sends every reminder that is due now; returns how many went out.</summary>
    public async Task<int> SendDueRemindersAsync(CancellationToken cancellationToken = default)
    {
        // Several instances on one store: only the lease's holder sends them.
        if (!await leases.TryAcquireAsync(LeaseName, CheckEvery * 3, cancellationToken))
        {
            return 0;
        }

        var now = Clock.GetUtcNow();
        var idle = TimeSpan.FromMinutes(content.Live.Settings.ReminderMinutes);
        var sent = 0;
        foreach (var (conversationId, reference, updatedAt) in await openDrafts.DueAsync(now, idle, cancellationToken))
        {
            try
            {
                var reminded = false;
                await adapter.ContinueConversationAsync(_bot, reference, async (turn, ct) =>
                {
                    // The stored time may lag the draft (see OpenDrafts.Precision): the draft itself says whether it is idle.
                    var lastChanged = await bot.DraftLastChangedAsync(turn, ct);
                    if (lastChanged is not { } changed || Clock.GetUtcNow() - changed < idle)
                    {
                        return;
                    }

                    await turn.SendActivityAsync(content.Live.Text(TextKeys.Reminder), ct);
                    await turn.SendCardAsync(bot.ResumeOffer(content.Live, changed), ct);
                    reminded = true;
                }, cancellationToken);
                if (reminded)
                {
                    await openDrafts.MarkRemindedAsync(conversationId, updatedAt, cancellationToken);
                    sent++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Tried again at the next check; one conversation that fails doesn't hold up the others.
                LogReminderFailed(Logger, ex.GetType().Name);
            }
        }

        return sent;
    }

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendDueRemindersAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draft reminder could not be delivered ({Reason}); it will be tried again")]
    private static partial void LogReminderFailed(ILogger logger, string reason);
}
