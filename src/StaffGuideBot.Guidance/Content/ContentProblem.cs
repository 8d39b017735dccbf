using System.Globalization;

namespace StaffGuideBot.Guidance.Content;

/// <summary>One thing wrong with a pack file: <c>file:line:column: [warning: ]message</c>, or <c>file: message</c> with no position.</summary>
public sealed record ContentProblem
{
    /// <summary>Relative to the pack folder ("flow.yaml", "../england/flow.yaml" in a pack it extends), or the folder itself.</summary>
    public required string File { get; init; }

    /// <summary>1-based; 0 when the problem has no position.</summary>
    public int Line { get; init; }

    public int Column { get; init; }

    public required string Message { get; init; }

    public ContentProblemSeverity Severity { get; init; } = ContentProblemSeverity.Error;

    public bool IsError => Severity == ContentProblemSeverity.Error;

    /// <summary>A school-specific contact still holds its sample details: expected in a pack as shipped, not once it is live.</summary>
    public bool IsPlaceholder { get; init; }

    public override string ToString() =>
        (Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: ") : $"{File}: ") + (IsError ? string.Empty : "warning: ") + Message;
}
