using System.Text;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Finds the reports still held that name someone, for the DSL answering a subject access or erasure request
/// ("find Jamie Smith", "find JS"). It looks only at the typed answers of the steps the report's pack lists as people
/// (<c>record: people</c> in decisions.yaml: the children and any adult), in one series (the DSL's, or the
/// allegations'). Staff often record initials, so a name also matches its initials and initials match a name that has
/// them: it errs towards showing a reference the DSL then checks.
/// </summary>
public sealed class ReportSearch(IReportStore reports, ContentLibrary content)
{
    /// <summary>The references whose people match <paramref name="words"/>, in reference order; none for words with no letters or digits.</summary>
    public async Task<IReadOnlyList<string>> FindAsync(string words, bool allegation, CancellationToken cancellationToken = default)
    {
        var query = Words(words);
        if (query.Count == 0)
        {
            return [];
        }

        var found = new List<string>();
        foreach (var year in await reports.YearsAsync(allegation, cancellationToken))
        {
            // A report's own flag decides which channel may see it, whatever series its number is in.
            foreach (var report in (await reports.ListAsync(year, allegation, cancellationToken)).Where(r => r.Allegation == allegation))
            {
                var pack = await content.ForAsync(report.ContentVersion, cancellationToken);
                if (People(pack, report.Answers).Any(name => Matches(query, Words(name))))
                {
                    found.Add(report.Reference);
                }
            }
        }

        return found;
    }

    /// <summary>True when the searched words name the person written as <paramref name="written"/>.</summary>
    public static bool Matches(IReadOnlyList<string> query, IReadOnlyList<string> written)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(written);
        if (query.Count == 0 || written.Count == 0)
        {
            return false;
        }

        // The words in order anywhere in what was written: "Jamie" or "Jamie Smith" in "Jamie Smith (Year 8)".
        for (var start = 0; start + query.Count <= written.Count; start++)
        {
            if (query.Select((w, i) => w == written[start + i]).All(same => same))
            {
                return true;
            }
        }

        // Initials: "JS" or "J S" for "Jamie Smith", and "Jamie Smith" for "JS" or "J.S.".
        var queryLetters = string.Concat(query);
        var writtenLetters = string.Concat(written);
        return (queryLetters.Length is >= 2 and <= 4 && (queryLetters == Initials(written) || queryLetters == writtenLetters))
            || (writtenLetters.Length is >= 2 and <= 4 && writtenLetters == Initials(query));
    }

    /// <summary>Lower-case words of letters and digits; everything else separates them.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in (text ?? string.Empty).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    private static string Initials(IReadOnlyList<string> words) => string.Concat(words.Select(w => w[0]));

    /// <summary>Every typed answer (text and long text) of the pack's people steps, in repeated items too.</summary>
    private static IEnumerable<string> People(ContentPack pack, JsonObject answers)
    {
        var people = pack.Record.People.ToHashSet(StringComparer.Ordinal);
        foreach (var step in pack.Steps.Where(s => people.Contains(s.Id)))
        {
            var fields = (step.Question is { } question ? [question] : step.Fields)
                .Where(q => q.Type is QuestionType.Text or QuestionType.LongText)
                .Select(q => q.Id)
                .ToList();
            var items = step.Type == StepType.Repeat
                ? (answers[step.Id] as JsonArray ?? []).OfType<JsonObject>()
                : [answers];
            foreach (var item in items)
            {
                foreach (var id in fields)
                {
                    if (item[id] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        yield return text;
                    }
                }
            }
        }
    }
}
