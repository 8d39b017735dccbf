using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>What a card action or command about a report may do, decided by <see cref="DslAccess"/>.</summary>
public enum DslRight
{
    /// <summary>Not from the DSL channel or the allegations channel: nothing of any report, not even whether it exists.</summary>
    None,

    /// <summary>From the DSL (or allegations) channel, by someone not on its roster: the card as it is, without buttons.</summary>
    Read,

    /// <summary>From the DSL (or allegations) channel, by someone on its roster: read and change.</summary>
    Change,
}
