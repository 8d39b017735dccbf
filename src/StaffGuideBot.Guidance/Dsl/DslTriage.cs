using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// The DSL team's actions on a summary card (Universal Actions, <c>Action.Execute</c>): acknowledge, record the
/// initial review decision or the decision on informing parents or carers (each a new entry: history, never
/// overwritten; the same one sent again changes nothing), add a note, close, refresh, in the DSL channel (or, for an allegation, the allegations
/// channel and its roster). <see cref="DslAccess"/> decides, whatever the verb: from outside that channel nothing is
/// honoured (an allegation acted on from the DSL channel is answered as a report that doesn't exist) and the answer is the same whether the report exists or not (nothing
/// is written; a warning without content is logged); in the DSL channel anyone may refresh (without buttons) and only
/// people on the roster may change, and every change and every refused change goes into the case's history. The answer
/// is always the card as it now is, or a message; never an exception.
/// </summary>
public sealed partial class DslTriage(
    ContentLibrary content,
    DslAccess access,
    CaseStore cases,
    IReportStore reports,
    ISummaryCards cards,
    ReporterUpdates reporters,
    IConnectorClient connector,
    ReportMetrics metrics,
    TimeProvider clock,
    ILogger<DslTriage> logger)
{
    /// <summary>The most characters of one message of a record sent in a private chat (Teams takes far more; a long record comes in parts).</summary>
    public const int RecordMessageLength = 20_000;

    private const string RecordVerb = SummaryCard.Verbs.Record;
    private const string RecordedVerb = SummaryCard.Verbs.Recorded;
    private const string Acknowledge = SummaryCard.Verbs.Acknowledge;
    private const string DecisionVerb = SummaryCard.Verbs.Decision;
    private const string ParentsVerb = SummaryCard.Verbs.Parents;
    private const string NoteVerb = SummaryCard.Verbs.Note;
    private const string Close = SummaryCard.Verbs.Close;
    private const string Refresh = SummaryCard.Verbs.Refresh;
    private const string OpenForm = SummaryCard.Verbs.OpenForm;

    /// <summary>The kinds of decision, as metrics and the log name them.</summary>
    private const string ReviewDecision = "review";
    private const string ParentsDecision = "parents";

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(ITurnContext turnContext, AdaptiveCardInvokeValue invoke, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(invoke);
        var activity = turnContext.Activity;
        var action = invoke.Action ?? new AdaptiveCardInvokeAction();
        var verb = KnownVerb(action.Verb);
        var right = access.RightOf(activity, verb ?? "other card action");
        if (right == DslRight.None)
        {
            // Before anything is looked up: the answer must not depend on whether the reference exists.
            return AdaptiveCardInvokeResponse.Message(content.Live.Text(TextKeys.DslNotHere));
        }

        var data = DslSubmit.From(invoke) ?? new DslSubmit();
        var reference = data.Reference;
        var report = reference is null ? null : await reports.FindAsync(reference, cancellationToken);
        var reportCase = reference is null ? null : await cases.FindAsync(reference, cancellationToken);
        if (report is null || reportCase is null || !access.Shows(activity, reportCase))
        {
            // A report of the other channel (an allegation, acted on from the DSL channel) is one that doesn't exist:
            // nothing is written, not even a refusal in its history.
            return AdaptiveCardInvokeResponse.Message(content.Live.Text(TextKeys.DslUnknownReport));
        }

        if (verb == Refresh)
        {
            return AdaptiveCardInvokeResponse.Card(await cards.CreateAsync(report, reportCase, canAct: right == DslRight.Change, cancellationToken: cancellationToken));
        }

        var actor = new Person { Name = activity.From?.Name, AadObjectId = activity.From?.AadObjectId };
        if (right != DslRight.Change)
        {
            // In the DSL channel but not on the roster: refused, and noted in this report's history (so the text is
            // true), once per person and action so that repeated clicks can't flood the history the card carries.
            await cases.UpdateAsync(report.Reference, c =>
            {
                if (!c.History.Any(e => e.Kind == CaseEventKind.Denied && e.Detail == verb && string.Equals(e.By?.AadObjectId, actor.AadObjectId, StringComparison.OrdinalIgnoreCase)))
                {
                    c.Record(CaseEventKind.Denied, clock.GetUtcNow(), actor, verb);
                }
            }, cancellationToken);
            LogDenied(logger, report.Reference, verb ?? "other");
            return AdaptiveCardInvokeResponse.Message(content.Live.Text(TextKeys.DslNotAllowed));
        }

        string? problem = null;
        var notifyAcknowledged = false;
        string? decided = null;
        if (verb == OpenForm)
        {
            // Changes nothing: the card, to this DSL only, with the form at its end (a closed case has no forms).
            return SummaryCard.Forms.IsKnown(data.Form)
                ? AdaptiveCardInvokeResponse.Card(await cards.CreateAsync(report, reportCase, canAct: true, data.Form, cancellationToken))
                : AdaptiveCardInvokeResponse.Message(content.Live.Text(TextKeys.DslUnknownAction));
        }

        var pack = await content.ForAsync(report.ContentVersion, cancellationToken);
        if (verb == RecordVerb)
        {
            return await SendRecordAsync(activity, pack, report, reportCase, actor, cancellationToken);
        }

        var updated = await cases.UpdateAsync(report.Reference, c =>
        {
            problem = null;
            notifyAcknowledged = false;
            decided = null;
            var decisions = c.Decisions.Count;
            var parentsDecisions = c.ParentsDecisions.Count;
            var now = clock.GetUtcNow();
            switch (verb)
            {
                case Acknowledge when c.Status is CaseStatus.Delivered or CaseStatus.AwaitingDelivery:
                    c.Status = CaseStatus.Acknowledged;
                    c.Owner = actor;
                    c.Record(CaseEventKind.Acknowledged, now, actor);
                    notifyAcknowledged = true;
                    break;
                case DecisionVerb when c.Status != CaseStatus.Closed:
                    problem = RecordDecision(pack, c, report, data, actor, now);
                    break;
                case ParentsVerb when c.Status != CaseStatus.Closed:
                    problem = RecordParents(pack, c, data, actor, now);
                    break;
                case NoteVerb when c.Status != CaseStatus.Closed:
                    var note = data.Note?.Trim();
                    if (string.IsNullOrEmpty(note))
                    {
                        problem = content.Live.Text(TextKeys.DslNoteEmpty);
                        break;
                    }

                    c.Record(CaseEventKind.Note, now, actor, note);
                    break;
                case RecordedVerb when c.RecordedInSchoolSystem is null:
                    // Closed or not: the record may be carried into the school's system after the case is closed.
                    var where = Trimmed(data.RecordedWhere);
                    c.RecordedInSchoolSystem = new SchoolRecord { By = actor, At = now, Where = where };
                    c.Record(CaseEventKind.RecordedInSchoolSystem, now, actor, where);
                    break;
                case RecordedVerb:
                    // Already stamped: a second click changes nothing.
                    break;
                case Close when c.Status != CaseStatus.Closed:
                    c.Status = CaseStatus.Closed;
                    c.Record(CaseEventKind.Closed, now, actor);
                    break;
                case Acknowledge or DecisionVerb or ParentsVerb or NoteVerb or Close:
                    // Already done (a second click, or an old card): show the card as it now is.
                    break;
                default:
                    problem = content.Live.Text(TextKeys.DslUnknownAction);
                    break;
            }

            decided = c.Decisions.Count > decisions ? ReviewDecision : c.ParentsDecisions.Count > parentsDecisions ? ParentsDecision : null;
        }, cancellationToken);

        if (problem is not null)
        {
            return AdaptiveCardInvokeResponse.Message(problem);
        }

        if (updated is null)
        {
            // Deleted under the retention settings since it was read.
            return AdaptiveCardInvokeResponse.Message(content.Live.Text(TextKeys.DslUnknownReport));
        }

        if (notifyAcknowledged)
        {
            var sinceSent = clock.GetUtcNow() - report.SubmittedAt;
            metrics.Acknowledged(sinceSent, updated.Urgent, updated.Allegation);
            LogAcknowledged(logger, report.Reference, (long)sinceSent.TotalSeconds, updated.Urgent, updated.Allegation);

            // If it can't be sent, the acknowledgement stands and the DSL's card updates; only the courtesy notice is lost.
            await reporters.TellAsync(report, updated.Allegation ? TextKeys.AllegationAcknowledged : TextKeys.DslReporterAcknowledged, cancellationToken, new Dictionary<string, string>
            {
                ["name"] = actor.Name ?? (updated.Allegation ? content.Live.Text(TextKeys.AllegationReminderMember) : content.Live.Fill("{dslShort}")),
            });
        }

        if (decided is not null)
        {
            metrics.DecisionRecorded(decided, updated.Allegation);
            LogDecisionRecorded(logger, report.Reference, decided, updated.Status);
        }

        return AdaptiveCardInvokeResponse.Card(await cards.CreateAsync(report, updated, canAct: true, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Adds the decision the form describes, in the words of <paramref name="pack"/> (the report's version, as its form); or says what is missing (outcomes, the answer an
    /// outcome asks for, reasons) or no longer offered. The same decision as the current one adds nothing.
    /// </summary>
    private static string? RecordDecision(ContentPack pack, ReportCase reportCase, Report report, DslSubmit data, Person actor, DateTimeOffset now)
    {
        var chosen = (data.DecisionOutcomes ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (chosen.Count == 0)
        {
            return pack.Text(TextKeys.DslDecisionMissing);
        }

        var offered = IndicatorEvaluator.Outcomes(pack, Answers.FromJson(report.Answers));
        if (!chosen.IsSubsetOf(offered.Select(o => o.Id)))
        {
            return pack.Text(TextKeys.DslDecisionNotOffered);
        }

        var outcomes = new List<RecordedChoice>();
        foreach (var outcome in offered.Where(o => chosen.Contains(o.Id)))
        {
            var asks = outcome.Asks is null ? null : pack.Fill(outcome.Asks);
            var detail = asks is null ? null : data.PackInput(SummaryCard.AskInput(outcome.Id));
            if (asks is not null && detail is null)
            {
                return pack.Text(TextKeys.DslDecisionAskNeeded, new Dictionary<string, string> { ["item"] = asks });
            }

            outcomes.Add(new RecordedChoice { Id = outcome.Id, Title = pack.Fill(outcome.Title), DetailLabel = asks, Detail = detail });
        }

        if (Trimmed(data.DecisionReasons) is not { } reasons)
        {
            return pack.Text(TextKeys.DslDecisionReasonsNeeded);
        }

        var classifications = new List<RecordedChoice>();
        foreach (var classification in pack.Classifications)
        {
            if (data.PackInput(SummaryCard.ClassificationInput(classification.Id)) is not { } value)
            {
                continue;
            }

            if (!classification.Choices.Select(c => pack.Fill(c)).Contains(value, StringComparer.Ordinal))
            {
                return pack.Text(TextKeys.DslDecisionNotOffered);
            }

            classifications.Add(new RecordedChoice { Id = classification.Id, Title = pack.Fill(classification.Title), Detail = value });
        }

        var decision = new Decision
        {
            Outcomes = outcomes,
            Reasons = reasons,
            Classifications = classifications,
            ExternalReference = Trimmed(data.DecisionReference),
            Note = Trimmed(data.DecisionNote),
            By = actor,
            At = now,
        };
        if (reportCase.Decision is { } current && SameDecision(current, decision))
        {
            return null;
        }

        reportCase.Decisions.Add(decision);
        if (reportCase.Status is not CaseStatus.Closed)
        {
            reportCase.Status = CaseStatus.DecisionRecorded;
        }

        reportCase.Owner ??= actor;
        reportCase.Record(CaseEventKind.Decision, now, actor, SummaryCard.Outcomes(decision));
        return null;
    }

    /// <summary>Adds the decision on informing parents or carers, with its reason; the same as the current one adds nothing.</summary>
    private static string? RecordParents(ContentPack pack, ReportCase reportCase, DslSubmit data, Person actor, DateTimeOffset now)
    {
        if (pack.ParentsChoices.FirstOrDefault(c => c.Id == Trimmed(data.ParentsChoice)) is not { } choice)
        {
            return pack.Text(data.ParentsChoice is null ? TextKeys.DslParentsMissing : TextKeys.DslDecisionNotOffered);
        }

        if (Trimmed(data.ParentsReasons) is not { } reasons)
        {
            return pack.Text(TextKeys.DslParentsReasonsNeeded);
        }

        if (reportCase.Parents is { } current && current.Choice.Id == choice.Id && current.Reasons == reasons)
        {
            return null;
        }

        var title = pack.Fill(choice.Title);
        reportCase.ParentsDecisions.Add(new ParentsDecision { Choice = new RecordedChoice { Id = choice.Id, Title = title }, Reasons = reasons, By = actor, At = now });
        reportCase.Record(CaseEventKind.ParentsDecision, now, actor, title);
        return null;
    }

    /// <summary>
    /// Sends the clicker the whole record in a private chat, then notes that in the history (nothing is noted when it
    /// could not be sent); the answer says where to find it, or what to do when the chat can't be opened.
    /// </summary>
    private async Task<AdaptiveCardInvokeResponse> SendRecordAsync(Activity activity, ContentPack pack, Report report, ReportCase reportCase, Person actor, CancellationToken cancellationToken)
    {
        var text = RecordText.Create(pack, report, reportCase);
        // Each part as a code block: Teams keeps its lines as they are (a plain message's single line breaks collapse)
        // and offers Copy. Nothing typed can end the block early.
        var messages = RecordText.Split(pack, text, report.Reference, RecordMessageLength)
            .Select(part =>
            {
                var message = Activity.CreateMessageActivity($"```\n{part.Replace("```", "'''", StringComparison.Ordinal)}\n```");
                message.TextFormat = TextFormatTypes.Markdown;
                return message;
            })
            .ToList();
        bool sent;
        try
        {
            // The chat is opened with the clicker as Teams knows them, where the click came from (tenant, Teams service).
            sent = await PersonalMessage.SendAsync(connector, new DslChannelAddress(null, null, activity.GetTenantId(), activity.ServiceUrl), activity.From?.Id ?? actor.AadObjectId!, messages, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            LogRecordNotSent(logger, report.Reference, ex.GetType().Name);
            sent = false;
        }

        if (!sent)
        {
            return AdaptiveCardInvokeResponse.Message(pack.Text(TextKeys.RecordCantSend));
        }

        await cases.UpdateAsync(report.Reference, c => c.Record(CaseEventKind.RecordSent, clock.GetUtcNow(), actor), cancellationToken);
        return AdaptiveCardInvokeResponse.Message(pack.Text(TextKeys.RecordSent, new Dictionary<string, string> { ["reference"] = report.Reference }));
    }

    private static bool SameDecision(Decision a, Decision b) =>
        a.Outcomes.SequenceEqual(b.Outcomes) && a.Reasons == b.Reasons && a.Classifications.SequenceEqual(b.Classifications)
        && a.ExternalReference == b.ExternalReference && a.Note == b.Note;

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The verb if it is one of the card's, else null (what a client sent is never logged or stored as it is).</summary>
    private static string? KnownVerb(string? verb) => verb is Acknowledge or DecisionVerb or ParentsVerb or NoteVerb or Close or Refresh or OpenForm or RecordVerb or RecordedVerb ? verb : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the record of {Reference} in a private chat: {Error}")]
    private static partial void LogRecordNotSent(ILogger logger, string reference, string error);

    [LoggerMessage(EventId = BusinessEvents.Acknowledged, EventName = "ReportAcknowledged", Level = LogLevel.Information, Message = "Report {Reference} acknowledged {Seconds} seconds after it was sent (urgent: {Urgent}, allegation: {Allegation})")]
    private static partial void LogAcknowledged(ILogger logger, string reference, long seconds, bool urgent, bool allegation);

    [LoggerMessage(EventId = BusinessEvents.DecisionRecorded, EventName = "ReportDecisionRecorded", Level = LogLevel.Information, Message = "Report {Reference}: a {DecisionKind} decision was recorded; the case is now {Status}")]
    private static partial void LogDecisionRecorded(ILogger logger, string reference, string decisionKind, CaseStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused triage action '{Verb}' on {Reference}: in its channel but not on that channel's roster")]
    private static partial void LogDenied(ILogger logger, string reference, string verb);
}
