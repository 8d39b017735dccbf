using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A new report's hand-off, prepared by <see cref="IDslEscalation.PrepareAsync"/>: the <see cref="Items"/> that queue it
/// (stored in one write with the report), and <see cref="Stored"/> to call once they are.
/// </summary>
public sealed class HandOff(IReadOnlyDictionary<string, StoreItem> items, Func<bool> stored)
{
    public IReadOnlyDictionary<string, StoreItem> Items { get; } = items;

    /// <summary>The items were stored: delivery starts. True when the destination is set up so the report can go now.</summary>
    public bool Stored() => stored();
}
