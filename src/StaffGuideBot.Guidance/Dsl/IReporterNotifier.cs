using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Sends a short message to the member of staff who made a report, in their 1:1 chat.</summary>
public interface IReporterNotifier
{
    Task TellAsync(Report report, string text, CancellationToken cancellationToken = default);
}
