using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>Builds the summary card of a report as it now is (the DSL channel's view).</summary>
public interface ISummaryCards
{
    /// <summary>The card; without <paramref name="canAct"/>, no buttons; with <paramref name="form"/> (<see cref="SummaryCard.Forms"/>), ending with that form.</summary>
    Task<System.Text.Json.Nodes.JsonObject> CreateAsync(Report report, ReportCase reportCase, bool canAct, string? form = null, CancellationToken cancellationToken = default);
}
