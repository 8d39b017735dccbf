using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>What a card action or command about a report may do, decided by <see cref="DslAccess"/>.</summary>
public enum DslRight
{
    /// <summary>Not from the DSL channel: nothing of any report, not even whether it exists.</summary>
    None,

    /// <summary>From the DSL channel, by someone not on the roster: the card as it is, without buttons.</summary>
    Read,

    /// <summary>From the DSL channel, by someone on the roster: read and change.</summary>
    Change,
}
