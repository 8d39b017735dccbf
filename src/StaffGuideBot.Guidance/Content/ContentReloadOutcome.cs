namespace StaffGuideBot.Guidance.Content;

public enum ContentReloadOutcome
{
    /// <summary>The files are what is live already.</summary>
    Unchanged,

    /// <summary>A new version went live (or a refused change was put right).</summary>
    Live,

    /// <summary>A broken change not seen before: admins should hear about it.</summary>
    RefusedNew,

    /// <summary>The same broken change as last time.</summary>
    RefusedAgain,
}
