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
public sealed partial class DslCommands(ContentLibrary content, IOptions<ContentOptions> contentOptions, DslChannelProvider channel, DslAccess access, CaseStore cases, IReportStore reports, ISummaryCards cards, DslTrends trends, TimeProvider clock)
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
        return text is "open reports" or "trends" || ReportCommand().IsMatch(text);
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
        var right = access.RightOf(activity, shown is not null ? "show" : ReportCommand().IsMatch(text) ? "report" : text == "trends" ? "trends" : "open reports");
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
            await turnContext.SendActivityAsync(content.Live.Text(TextKeys.DslUnknownReport), cancellationToken);
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

    /// <summary>The typed command, cleaned up (<see cref="TextNormalizer"/>) but keeping the hyphens of a reference ("report SG-2026-0042").</summary>
    private static string TypedCommand(Activity activity) => TextNormalizer.Normalize(activity.RemoveRecipientMention(), keep: "-");

    [GeneratedRegex(@"^report\s+(sg-\d{4}-a?\d{4,})$", RegexOptions.IgnoreCase)]
    private static partial Regex ReportCommand();
}
