using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>The "trends" card: for each term, the number of reports, the median times, and each group's counts (only pack words and numbers).</summary>
public static class TrendsCard
{
    /// <summary>One term's counts: groups of (label, count), most first.</summary>
    public sealed record Term(string Title, int Reports, TimeSpan? MedianToAcknowledge, TimeSpan? MedianToDecision, IReadOnlyList<(string Title, IReadOnlyList<(string Label, int Count)> Counts)> Groups);

    public static JsonObject Create(ContentPack pack, IReadOnlyList<Term> terms)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(terms);
        var body = new JsonArray { Heading(pack.Text(TextKeys.DslTrendsTitle)), Text(pack.Text(TextKeys.DslTrendsNote), subtle: true) };
        foreach (var term in terms)
        {
            var items = new JsonArray
            {
                Text(term.Title, bold: true),
                Text(pack.Text(TextKeys.DslTrendsReports, Number(term.Reports))),
                Text(pack.Text(TextKeys.DslTrendsAcknowledge, new Dictionary<string, string> { ["time"] = Duration(pack, term.MedianToAcknowledge) })),
                Text(pack.Text(TextKeys.DslTrendsDecision, new Dictionary<string, string> { ["time"] = Duration(pack, term.MedianToDecision) })),
            };
            foreach (var (title, counts) in term.Groups)
            {
                items.Add(Text(title, bold: true));
                items.Add(Facts(counts.Select(c => (c.Label, c.Count.ToString(CultureInfo.InvariantCulture)))));
            }

            body.Add(new JsonObject { ["type"] = "Container", ["separator"] = true, ["items"] = items });
        }

        return Card(body);
    }

    private static Dictionary<string, string> Number(double number) =>
        new() { ["number"] = number.ToString("0.#", CultureInfo.InvariantCulture) };

    private static string Duration(ContentPack pack, TimeSpan? time) => time switch
    {
        null => pack.Text(TextKeys.DslTrendsNone),
        { TotalMinutes: < 120 } t => pack.Text(TextKeys.DslTrendsMinutes, Number(Math.Round(t.TotalMinutes))),
        { } t => pack.Text(TextKeys.DslTrendsHours, Number(Math.Round(t.TotalHours, 1))),
    };
}
