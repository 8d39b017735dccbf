namespace StaffGuideBot.Guidance.Content;

/// <summary>A route beyond the school for the DSL's card (NCA-CEOP, removal, advice): it applies when <see cref="When"/> holds, or always when null.</summary>
public sealed record Route
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Completes "Applies because …".</summary>
    public required string Because { get; init; }

    public required string Text { get; init; }

    public IReadOnlyList<string> Contacts { get; init; } = [];

    public Condition? When { get; init; }
}
