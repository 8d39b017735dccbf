using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>The delivery state of one queued report. Never holds report content.</summary>
public sealed class OutboxEntry
{
    public required string Reference { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>
    /// Set just before a thread is created in the DSL channel and cleared once its ids are recorded (or the connector
    /// refused it outright). Found set at the start of a later attempt, it means an earlier attempt ended without a
    /// recorded answer: Teams may hold a placeholder from it, marked with this id.
    /// </summary>
    public PendingAttempt? PendingAttempt { get; set; }

    /// <summary>The thread created for this report, whose root is then updated in place with the summary card.</summary>
    public PostedThread? Thread { get; set; }

    /// <summary>
    /// The instance moving this report on now (see <see cref="DslOutbox.TryClaimAsync"/>), so that of several
    /// instances on one store only one posts it; null when no one is.
    /// </summary>
    public OutboxClaim? Claim { get; set; }
}
