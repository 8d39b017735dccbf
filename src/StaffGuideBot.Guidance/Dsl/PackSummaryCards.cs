using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// The summary card in the wording of the content version the reporter saw (so questions read as they were asked);
/// without the right to act, the card has no buttons.
/// </summary>
public sealed class PackSummaryCards(ContentLibrary content, TimeProvider clock) : ISummaryCards
{
    public async Task<System.Text.Json.Nodes.JsonObject> CreateAsync(Report report, ReportCase reportCase, bool canAct, string? form = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var pack = await content.ForAsync(report.ContentVersion, cancellationToken);
        var card = SummaryCard.Create(pack, report, reportCase, clock.GetUtcNow(), form: canAct ? form : null);
        if (!canAct)
        {
            card.Remove("actions");
        }

        return card;
    }
}
