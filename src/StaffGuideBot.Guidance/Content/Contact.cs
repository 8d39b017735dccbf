namespace StaffGuideBot.Guidance.Content;

public sealed class Contact
{
    public required string Id { get; init; }

    public required string Role { get; init; }

    public string? Name { get; init; }

    public string? Phone { get; init; }

    public string? Url { get; init; }

    public string? Notes { get; init; }

    /// <summary>True until the school replaces the sample values with its own.</summary>
    public bool Placeholder { get; init; }

    /// <summary>Marked <see cref="Placeholder"/>, or a name, phone or url still a "[...]" sample: never shown to staff (see <see cref="PackText"/>).</summary>
    public bool IsSample => Placeholder || new[] { Name, Phone, Url }.Any(IsSampleValue);

    /// <summary>
    /// One of this contact's details, or null while it is a "[...]" sample. A real value is shown even if the school forgot
    /// to remove <see cref="Placeholder"/>: a frightened member of staff is better served by the number the school entered.
    /// </summary>
    public static string? Real(string? value) => IsSampleValue(value) ? null : value;

    private static bool IsSampleValue(string? value) =>
        value is { } text && text.TrimStart().StartsWith('[') && text.TrimEnd().EndsWith(']');
}
