using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// What DSLs can ask the bot in the DSL channel (by @mentioning it): "open reports" lists the reports not yet closed,
/// "report SG-2026-0042" (or the list's Show button) shows that report's card with its history. <see cref="DslAccess"/>
/// decides: only in the DSL channel, and for allegations only in the allegations channel (from anywhere else the same
/// refusal, whatever the reference; an allegation asked for in the DSL channel is a report that doesn't exist); the
/// card's buttons only for that channel's roster members. Anything else gets help. "content status" is for the content admins (who need not be on
/// the roster): which content is live, and any refused change with its problems.
/// </summary>
public sealed partial class DslCommands(ContentLibrary content, IOptions<ContentOptions> contentOptions, DslChannelProvider channel, DslAccess access, CaseStore cases, IReportStore reports, ISummaryCards cards, DslTrends trends, ReportSearch search, RetentionAudit audit, TimeProvider clock)
{
    /// <summary>True when the activity comes from the DSL channel or the allegations channel (any of their threads).</summary>
    public bool IsReportsChannel(Activity activity) =>
        DslChannel.Contains(channel.Current, activity) || DslChannel.Contains(channel.Allegations, activity);

    /// <summary>
    /// True for the commands that read reports wherever they are sent ("report SG-…", "open reports", the Show
    /// button), so that outside the DSL channel they get a clear refusal rather than being taken for something else.
    /// </summary>
    public static bool IsReportCommand(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (DslSubmit.From(activity) is { } submit)
        {
            return submit.Show is not null;
        }

        var text = TypedCommand(activity);
        return text is "open reports" or "trends" || ReportCommand().IsMatch(text) || HoldCommand().IsMatch(text) || ReleaseCommand().IsMatch(text);
    }

    public async Task HandleAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var text = TypedCommand(activity);
        if (text == "content status")
        {
            await turnContext.SendActivityAsync(
                contentOptions.Value.IsAdmin(activity.From?.AadObjectId)
                    ? ContentAlerts.StatusText(content.Status, clock.GetUtcNow())
                    : content.Live.Text(TextKeys.ContentNotAllowed),
                cancellationToken);
            return;
        }

        var shown = DslSubmit.From(activity)?.Show;
        var right = access.RightOf(activity, shown is not null ? "show" : Request(text));
        if (right == DslRight.None)
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslNotHere), cancellationToken);
            return;
        }

        if (shown is not null || ReportCommand().Match(text) is { Success: true })
        {
            var reference = shown ?? ReportCommand().Match(text).Groups[1].Value.ToUpperInvariant();
            await ShowAsync(turnContext, reference, canAct: right == DslRight.Change, cancellationToken);
        }
        else if (HoldCommand().Match(text) is { Success: true } hold)
        {
            await HoldAsync(turnContext, right, hold.Groups[1].Value.ToUpperInvariant(), hold.Groups[2].Value, cancellationToken);
        }
        else if (ReleaseCommand().Match(text) is { Success: true } release)
        {
            await ReleaseAsync(turnContext, right, release.Groups[1].Value.ToUpperInvariant(), cancellationToken);
        }
        else if (FindCommand().Match(text) is { Success: true } find)
        {
            await FindAsync(turnContext, right, find.Groups[1].Value, cancellationToken);
        }
        else if (text is "trends" or "show trends" or "patterns")
        {
            // Counts only, but of every report: the roster's, not everyone's in the channel.
            await (right == DslRight.Change
                ? turnContext.SendCardAsync(await trends.CardAsync(allegation: DslChannel.Contains(channel.Allegations, activity), cancellationToken), cancellationToken)
                : turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRosterOnly), cancellationToken));
        }
        else if (text is "open reports" or "open" or "reports" or "open cases")
        {
            await turnContext.SendCardAsync(await OpenReportsAsync(activity, cancellationToken), cancellationToken);
        }
        else
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslHelp), cancellationToken);
        }
    }

    private async Task ShowAsync(ITurnContext turnContext, string reference, bool canAct, CancellationToken cancellationToken)
    {
        var report = await reports.FindAsync(reference, cancellationToken);
        var reportCase = await cases.FindAsync(reference, cancellationToken);
        if (report is null || reportCase is null || !access.Shows(turnContext.Activity, reportCase))
        {
            // A report of the other channel (an allegation, seen from the DSL channel) is answered as one that doesn't exist.
            await turnContext.SendActivityAsync(await UnknownReportTextAsync(turnContext.Activity, reference, cancellationToken), cancellationToken);
            return;
        }

        await turnContext.SendCardAsync(await cards.CreateAsync(report, reportCase, canAct, cancellationToken: cancellationToken), cancellationToken);
    }

    private async Task<JsonObject> OpenReportsAsync(Activity activity, CancellationToken cancellationToken)
    {
        var open = (await cases.ListOpenAsync(cancellationToken)).Where(c => access.Shows(activity, c)).ToList();
        var body = new JsonArray { Heading(content.Live.Text(TextKeys.DslOpenReportsTitle)) };
        if (open.Count == 0)
        {
            body.Add(Text(content.Live.Text(TextKeys.DslOpenReportsNone)));
        }

        var now = clock.GetUtcNow();
        foreach (var reportCase in open)
        {
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray
                {
                    Text(reportCase.Reference, bold: true),
                    SummaryCard.Status(content.Live, reportCase, reportCase.Urgent, now),
                    new JsonObject
                    {
                        ["type"] = "ActionSet",
                        ["actions"] = new JsonArray { Submit(content.Live.Text(TextKeys.DslOpenReportsShow), new JsonObject { [DslSubmit.ShowKey] = reportCase.Reference }) },
                    },
                },
            });
        }

        return Card(body);
    }

    /// <summary>The fixed word for what was asked, for the log of a refusal (never the typed text).</summary>
    private static string Request(string text) =>
        ReportCommand().IsMatch(text) ? "report"
        : HoldCommand().IsMatch(text) ? "hold"
        : ReleaseCommand().IsMatch(text) ? "release"
        : FindCommand().IsMatch(text) ? "find"
        : text == "trends" ? "trends"
        : "open reports";

    /// <summary>
    /// What to say of a reference this channel can't show: deleted under the retention settings (said only in the
    /// channel it belonged to), or else unknown, the same words whether it never existed or belongs to the other channel.
    /// </summary>
    private async Task<string> UnknownReportTextAsync(Activity activity, string reference, CancellationToken cancellationToken)
    {
        if (await audit.FindPurgeAsync(reference, cancellationToken) is { } purged && DslChannel.Contains(channel.For(purged.Allegation), activity))
        {
            return content.Live.Text(TextKeys.DslPurged, new Dictionary<string, string>
            {
                ["reference"] = purged.Reference,
                ["time"] = UkTime.Describe(content.Live, purged.PurgedAt, clock.GetUtcNow()),
            });
        }

        return content.Live.Text(TextKeys.DslUnknownReport);
    }

    /// <summary>
    /// "hold SG-… why": the roster's only. The report is kept whatever the retention settings until it is released;
    /// the hold and its reason go in the history.
    /// </summary>
    private async Task HoldAsync(ITurnContext turnContext, DslRight right, string reference, string reason, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var values = new Dictionary<string, string> { ["reference"] = reference };
        if (await CaseToChangeAsync(turnContext, right, reference, cancellationToken) is not { } found)
        {
            return;
        }

        // The reason comes from the original text, as typed (the command's words are cleaned up for matching).
        reason = ReasonAfterReference(activity, reference) ?? reason;
        if (string.IsNullOrWhiteSpace(reason))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslHoldNeedsReason), cancellationToken);
            return;
        }

        var now = clock.GetUtcNow();
        var actor = new Person { Name = activity.From?.Name, AadObjectId = activity.From?.AadObjectId };
        LegalHold? earlier = null;
        var purging = found.PurgingSince is not null;
        var updated = purging ? null : await cases.UpdateAsync(reference, c =>
        {
            earlier = c.Hold;
            purging = c.PurgingSince is not null;
            if (c.Hold is null && !purging)
            {
                c.Hold = new LegalHold { By = actor, At = now, Reason = reason.Trim() };
                c.Record(CaseEventKind.LegalHold, now, actor, reason.Trim());
            }
        }, cancellationToken);

        if (purging || updated is null)
        {
            // Too late: the retention pass had already begun deleting it, or has deleted it since it was read.
            await turnContext.SendActivityAsync(await UnknownReportTextAsync(activity, reference, cancellationToken), cancellationToken);
            return;
        }

        if (earlier is not null)
        {
            values["name"] = earlier.By.Name ?? content.Live.Text(TextKeys.DslUnknownName);
            values["time"] = UkTime.Describe(content.Live, earlier.At, now);
        }

        await turnContext.SendActivityAsync(content.Live.Text(earlier is null ? TextKeys.DslHoldDone : TextKeys.DslHoldAlready, values), cancellationToken);
    }

    /// <summary>
    /// The case a command of the roster's changes: refused (and answered) off the roster, and for a report this
    /// channel doesn't show or that no longer exists, exactly as for one that never did.
    /// </summary>
    private async Task<ReportCase?> CaseToChangeAsync(ITurnContext turnContext, DslRight right, string reference, CancellationToken cancellationToken)
    {
        if (right != DslRight.Change)
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRosterOnly), cancellationToken);
            return null;
        }

        if (await cases.FindAsync(reference, cancellationToken) is not { } found || !access.Shows(turnContext.Activity, found))
        {
            await turnContext.SendActivityAsync(await UnknownReportTextAsync(turnContext.Activity, reference, cancellationToken), cancellationToken);
            return null;
        }

        return found;
    }

    /// <summary>"release SG-…": the roster's only; the retention settings apply to the report again.</summary>
    private async Task ReleaseAsync(ITurnContext turnContext, DslRight right, string reference, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (await CaseToChangeAsync(turnContext, right, reference, cancellationToken) is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var actor = new Person { Name = activity.From?.Name, AadObjectId = activity.From?.AadObjectId };
        var released = false;
        if (await cases.UpdateAsync(reference, c =>
        {
            released = c.Hold is not null;
            if (released)
            {
                c.Hold = null;
                c.Record(CaseEventKind.HoldReleased, now, actor);
            }
        }, cancellationToken) is null)
        {
            // Deleted since it was read (a purge can't have begun while it was held).
            await turnContext.SendActivityAsync(await UnknownReportTextAsync(activity, reference, cancellationToken), cancellationToken);
            return;
        }

        await turnContext.SendActivityAsync(content.Live.Text(released ? TextKeys.DslHoldReleased : TextKeys.DslHoldNotHeld, new Dictionary<string, string> { ["reference"] = reference }), cancellationToken);
    }

    /// <summary>
    /// "find Jamie Smith" / "find JS": the roster's only. The references of this channel's reports still held whose
    /// children or adult match; the search is put on record (who, when, what it showed), never the words searched for.
    /// </summary>
    private async Task FindAsync(ITurnContext turnContext, DslRight right, string words, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (right != DslRight.Change)
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslRosterOnly), cancellationToken);
            return;
        }

        if (string.IsNullOrWhiteSpace(words))
        {
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslFindNeedsTerm), cancellationToken);
            return;
        }

        var allegation = DslChannel.Contains(channel.Allegations, activity);
        var found = await search.FindAsync(words, allegation, cancellationToken);
        await audit.RecordSearchAsync(new Person { Name = activity.From?.Name, AadObjectId = activity.From?.AadObjectId }, clock.GetUtcNow(), allegation, found, cancellationToken);
        await turnContext.SendActivityAsync(
            found.Count == 0
                ? content.Live.Text(TextKeys.DslFindNone)
                : content.Live.Text(TextKeys.DslFindResults, new Dictionary<string, string>
                {
                    ["number"] = found.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["item"] = string.Join(", ", found),
                }),
            cancellationToken);
    }

    /// <summary>The words after the reference in the message as typed (without the bot's mention), or null when there are none.</summary>
    private static string? ReasonAfterReference(Activity activity, string reference)
    {
        var typed = activity.RemoveRecipientMention() ?? string.Empty;
        var at = typed.IndexOf(reference, StringComparison.OrdinalIgnoreCase);
        var rest = at < 0 ? null : typed[(at + reference.Length)..].Trim();
        return string.IsNullOrEmpty(rest) ? null : rest;
    }

    /// <summary>The typed command, cleaned up (<see cref="TextNormalizer"/>) but keeping the hyphens of a reference ("report SG-2026-0042").</summary>
    private static string TypedCommand(Activity activity) => TextNormalizer.Normalize(activity.RemoveRecipientMention(), keep: "-");

    [GeneratedRegex(@"^report\s+(sg-\d{4}-a?\d{4,})$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportCommand();

    [GeneratedRegex(@"^(?:legal\s+)?hold\s+(sg-\d{4}-a?\d{4,})\s*(.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex HoldCommand();

    [GeneratedRegex(@"^(?:release|lift)\s+(?:(?:legal\s+)?hold\s+(?:on\s+)?)?(sg-\d{4}-a?\d{4,})$", RegexOptions.IgnoreCase)]
    private static partial Regex ReleaseCommand();

    [GeneratedRegex(@"^(?:find|search(?:\s+for)?)(?:\s+(.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FindCommand();
}
