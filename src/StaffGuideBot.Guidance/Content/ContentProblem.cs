using System.Globalization;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// One thing wrong with a content pack, at a place in one of its files. Prints as <c>file:line:column: message</c>
/// (warnings as <c>file:line:column: warning: message</c>); a problem with no position (a missing file) prints as
/// <c>file: message</c>.
/// </summary>
public sealed record ContentProblem
{
    /// <summary>
    /// The file's name relative to the pack folder (e.g. "flow.yaml"; "../england/flow.yaml" for a file of a pack it
    /// extends), or the folder for a missing folder.
    /// </summary>
    public required string File { get; init; }

    /// <summary>1-based line; 0 when the problem has no position.</summary>
    public int Line { get; init; }

    /// <summary>1-based column; 0 when the problem has no position.</summary>
    public int Column { get; init; }

    public required string Message { get; init; }

    public ContentProblemSeverity Severity { get; init; } = ContentProblemSeverity.Error;

    public bool IsError => Severity == ContentProblemSeverity.Error;

    /// <summary>A school-specific contact still holds its sample details: expected in a pack as shipped, not once it is live.</summary>
    public bool IsPlaceholder { get; init; }

    public override string ToString()
    {
        var prefix = Severity == ContentProblemSeverity.Warning ? "warning: " : string.Empty;
        return Line > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {prefix}{Message}")
            : $"{File}: {prefix}{Message}";
    }
}
