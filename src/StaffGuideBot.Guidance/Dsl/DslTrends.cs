using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// "@StaffGuideBot trends": for this term and the last (<see cref="DslOptions.TermStarts"/>, UK dates), how many reports,
/// the median time from posting to acknowledgement and to the first decision, and counts by five point, by the DSL's
/// classifications and by the pack's <c>trends</c> answers. Only counts, in the pack's words: never a name, a reference
/// or anything typed. The DSL channel counts its own reports; the allegations channel only allegations.
/// </summary>
public sealed class DslTrends(ContentLibrary content, IReportStore reports, CaseStore cases, IOptions<DslOptions> options, TimeProvider clock)
{
    /// <summary>Term starts (month-day) when none are configured: autumn, spring, summer.</summary>
    public static readonly IReadOnlyList<string> DefaultTermStarts = ["09-01", "01-01", "04-15"];

    public async Task<JsonObject> CardAsync(bool allegation, CancellationToken cancellationToken = default)
    {
        var pack = content.Live;
        var now = clock.GetUtcNow();
        var (lastStart, thisStart) = Terms(options.Value.TermStarts ?? DefaultTermStarts, now);
        var sent = new List<Report>();
        for (var year = lastStart.Year; year <= now.Year; year++)
        {
            sent.AddRange((await reports.ListAsync(year, allegation, cancellationToken)).Where(r => r.Allegation == allegation && r.SubmittedAt >= lastStart && r.SubmittedAt <= now));
        }

        var found = await cases.FindAllAsync(sent.Select(r => r.Reference), cancellationToken);
        var day = CultureInfo.GetCultureInfo("en-GB");
        return TrendsCard.Create(pack,
        [
            Count(pack, pack.Text(TextKeys.DslTrendsThisTerm, new Dictionary<string, string> { ["date"] = Local(thisStart).ToString("d MMMM yyyy", day) }), sent.Where(r => r.SubmittedAt >= thisStart), found),
            Count(pack, pack.Text(TextKeys.DslTrendsLastTerm, new Dictionary<string, string> { ["date"] = Local(lastStart).ToString("d MMMM yyyy", day), ["day"] = Local(thisStart).AddDays(-1).ToString("d MMMM yyyy", day) }), sent.Where(r => r.SubmittedAt < thisStart), found),
        ]);
    }

    /// <summary>The starts of last term and this term: the latest configured start on or before today (UK date), and the one before it.</summary>
    public static (DateTimeOffset LastTerm, DateTimeOffset ThisTerm) Terms(IEnumerable<string> termStarts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(termStarts);
        var today = DateOnly.FromDateTime(Local(now).DateTime);
        var starts = termStarts.Select(s => DateOnly.ParseExact("2000-" + s, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            .SelectMany(s => new[] { today.Year - 2, today.Year - 1, today.Year }.Select(y => new DateOnly(y, s.Month, Math.Min(s.Day, DateTime.DaysInMonth(y, s.Month)))))
            .Where(d => d <= today)
            .Distinct()
            .OrderDescending()
            .Take(2)
            .Select(d => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), UkTime.Zone.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue))))
            .ToList();
        return (starts[1], starts[0]);
    }

    private static DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, UkTime.Zone);

    private static TrendsCard.Term Count(ContentPack pack, string title, IEnumerable<Report> reports, IReadOnlyDictionary<string, ReportCase> cases)
    {
        var list = reports.ToList();
        var groups = new List<(string Title, Dictionary<string, int> Counts)>();
        void Add(string group, string label)
        {
            if (groups.FindIndex(g => g.Title == group) is var i && i < 0)
            {
                groups.Add((group, new Dictionary<string, int>(StringComparer.Ordinal)));
                i = groups.Count - 1;
            }

            groups[i].Counts[label] = groups[i].Counts.GetValueOrDefault(label) + 1;
        }

        var acknowledge = new List<TimeSpan>();
        var decide = new List<TimeSpan>();
        foreach (var report in list)
        {
            foreach (var point in pack.Indicators.Where(i => i.Kind == IndicatorKind.FivePoint && report.Flags.Contains(i.Id)))
            {
                Add(pack.Text(TextKeys.DslFivePoints), pack.Fill(point.Title));
            }

            foreach (var trend in pack.Trends)
            {
                foreach (var (group, label) in TrendAnswers(pack, trend, report.Answers))
                {
                    Add(group, label);
                }
            }

            if (cases.GetValueOrDefault(report.Reference) is not { } reportCase)
            {
                continue;
            }

            foreach (var classification in reportCase.Decision?.Classifications ?? [])
            {
                Add(classification.Title, classification.Detail ?? string.Empty);
            }

            var posted = reportCase.Delivery.DeliveredAt ?? First(reportCase, CaseEventKind.Delivered) ?? report.SubmittedAt;
            if (First(reportCase, CaseEventKind.Acknowledged) is { } acknowledged)
            {
                acknowledge.Add(acknowledged - posted);
            }

            if (First(reportCase, CaseEventKind.Decision) is { } decided)
            {
                decide.Add(decided - posted);
            }
        }

        return new TrendsCard.Term(title, list.Count, Median(acknowledge), Median(decide), groups.Select(g => (g.Title, (IReadOnlyList<(string, int)>)g.Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).ToList())).ToList());
    }

    /// <summary>The (group, label) pairs one report adds for <paramref name="trend"/>: a choice's words, once per item of a repeat step; a text answer only by the names it mentions.</summary>
    private static IEnumerable<(string Group, string Label)> TrendAnswers(ContentPack pack, Trend trend, JsonObject answers)
    {
        var step = pack.Steps.FirstOrDefault(s => s.Questions.Any(q => q.Id == trend.Id));
        if (step?.Questions.Single(q => q.Id == trend.Id) is not { } question)
        {
            yield break;
        }

        var group = StaffCards.FieldName(pack, question);
        var holders = step.Type == StepType.Repeat ? (answers[step.Id] as JsonArray ?? []).OfType<JsonObject>() : [answers];
        foreach (var holder in holders)
        {
            var value = holder[question.Id];
            if (!Answers.HasValue(value))
            {
                continue;
            }

            if (question.Type == QuestionType.Text)
            {
                var text = value!.ToString();
                var named = trend.Names.Select(n => pack.Fill(n)).Where(n => Regex.IsMatch(text, $@"\b{Regex.Escape(n)}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))).ToList();
                foreach (var name in named.Count > 0 ? named : [pack.Text(TextKeys.DslTrendsOther)])
                {
                    yield return (group, name);
                }
            }
            else
            {
                foreach (var one in value is JsonArray many ? many.OfType<JsonNode>() : [value!])
                {
                    yield return (group, AnswerText.Describe(pack, question, one));
                }
            }
        }
    }

    private static DateTimeOffset? First(ReportCase reportCase, CaseEventKind kind) =>
        reportCase.History.Where(e => e.Kind == kind).Select(e => (DateTimeOffset?)e.At).Min();

    private static TimeSpan? Median(List<TimeSpan> times)
    {
        if (times.Count == 0)
        {
            return null;
        }

        times.Sort();
        var middle = times.Count / 2;
        return times.Count % 2 == 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
    }
}
