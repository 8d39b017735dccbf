using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// A stand-in summary card, registered only when no other <see cref="ISummaryCardFactory"/> is: the reference as a
/// heading (in the attention colour when urgent) and the titles of the flags that applied. No answers are shown.
/// </summary>
public sealed class MinimalSummaryCard(ContentPack pack) : ISummaryCardFactory
{
    public JsonObject Create(Report report, ReportCase reportCase)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reportCase);
        var values = new Dictionary<string, string> { ["reference"] = report.Reference };
        var body = new JsonArray { CardElements.Heading(pack.Text(TextKeys.DeliveryCardTitle, values), reportCase.Urgent) };
        var flags = report.Flags.Select(id => pack.Indicators.FirstOrDefault(i => i.Id == id)).OfType<Indicator>().ToList();
        if (flags.Count > 0)
        {
            body.Add(CardElements.Text(pack.Text(TextKeys.DeliveryCardFlags, values), bold: true));
            foreach (var flag in flags)
            {
                body.Add(CardElements.Text(pack.Fill(flag.Title)));
            }
        }

        return CardElements.Card(body);
    }
}
