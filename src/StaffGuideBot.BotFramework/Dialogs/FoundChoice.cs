namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>The choice a user picked.</summary>
public sealed record FoundChoice
{
    /// <summary>The picked choice's <see cref="Choice.Value"/>.</summary>
    public required string Value { get; init; }

    /// <summary>The picked choice's zero-based position in the list offered.</summary>
    public required int Index { get; init; }

    /// <summary>How sure the match is, from 0 to 1 (1 for an exact value, title, synonym, number or ordinal).</summary>
    public required double Score { get; init; }

    /// <summary>The value, title or synonym that matched; null when the choice was picked by number or position.</summary>
    public string? Synonym { get; init; }
}
