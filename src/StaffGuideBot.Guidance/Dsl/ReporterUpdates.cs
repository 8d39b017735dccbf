using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Tells a reporter how their report is getting on (sent, late), in the pack's words; a failure is logged without content.</summary>
public sealed partial class ReporterUpdates(IReporterNotifier reporters, ContentLibrary content, ILogger<ReporterUpdates> logger)
{
    /// <summary>
    /// A proactive message in the reporter's personal chat, the pack's <paramref name="textKey"/> filled with the
    /// reference and any <paramref name="values"/>; false (the caller decides whether to try again) when it could not be sent.
    /// </summary>
    public async Task<bool> TellAsync(Report report, string textKey, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var filled = new Dictionary<string, string>(values ?? new Dictionary<string, string>()) { ["reference"] = report.Reference };
        var text = content.Live.Text(textKey, filled);
        try
        {
            await reporters.TellAsync(report, text, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            LogReporterNotTold(logger, report.Reference, textKey, DeliveryErrorCode.Of(ex));
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reporter of {Reference} could not be sent '{TextKey}' ({ErrorCode})")]
    private static partial void LogReporterNotTold(ILogger logger, string reference, string textKey, string errorCode);
}
