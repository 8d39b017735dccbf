namespace StaffGuideBot.Guidance.Reports;

/// <summary>Where the summary card went in the DSL channel.</summary>
public sealed class Delivery
{
    /// <summary>The thread's conversation id (<c>channelId;messageid=…</c>).</summary>
    public string? ThreadId { get; set; }

    /// <summary>The summary card's activity id (for updating it in place).</summary>
    public string? ActivityId { get; set; }

    public string? ServiceUrl { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The last failure's error code (never content).</summary>
    public string? LastError { get; set; }

    /// <summary>True once the reporter was told to phone the DSL because delivery is late.</summary>
    public bool ReporterWarned { get; set; }

    /// <summary>True once the DSLs were told in 1:1 chats that the app is missing from the DSL channel.</summary>
    public bool DslsToldNotInChannel { get; set; }
}
