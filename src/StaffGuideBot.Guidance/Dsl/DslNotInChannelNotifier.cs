using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Tells the DSLs, each in a 1:1 chat, when a report cannot be posted because the app is not in the DSL channel; for an
/// allegation, the people on the allegations roster instead (never the DSLs), about the allegations channel.
/// </summary>
public sealed partial class DslNotInChannelNotifier(
    IConnectorClient connector,
    ContentLibrary content,
    IOptions<DslOptions> options,
    DslChannelProvider channel,
    CaseStore cases,
    ILogger<DslNotInChannelNotifier> logger)
{

    /// <summary>
    /// The bot cannot post in the DSL channel: each DSL on the roster is told in a 1:1 chat (once per report) to add
    /// the app to the channel, and who reported it so they can phone them. Best effort: a DSL the bot cannot reach
    /// is skipped; the log already says what to do.
    /// </summary>
    public async Task TellAsync(Report report, bool allegation, CancellationToken cancellationToken)
    {
        var text = content.Live.Text(allegation ? TextKeys.AllegationNotInChannel : TextKeys.DeliveryNotInChannel, new Dictionary<string, string>
        {
            ["reference"] = report.Reference,
            ["name"] = report.Reporter.Name ?? report.Reporter.UserId,
        });
        var told = 0;
        var dslChannel = channel.For(allegation);
        foreach (var dsl in allegation ? options.Value.Allegations.Roster : options.Value.Roster)
        {
            try
            {
                if (await PersonalMessage.SendAsync(connector, dslChannel, dsl, text, cancellationToken))
                {
                    told++;
                }
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
            {
                LogDslNotTold(logger, report.Reference, DeliveryErrorCode.Of(ex));
            }
        }

        if (told > 0)
        {
            await cases.UpdateAsync(report.Reference, c => c.Delivery.DslsToldNotInChannel = true, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell a DSL in a 1:1 chat that {Reference} cannot be posted in the DSL channel ({Code})")]
    private static partial void LogDslNotTold(ILogger logger, string reference, string code);
}
