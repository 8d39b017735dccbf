namespace StaffGuideBot.Guidance.Content;

/// <param name="Placeholder">True until the school replaces the sample values with its own.</param>
public sealed record Contact(string Id, string Role, string? Name = null, string? Phone = null, string? Url = null, string? Notes = null, bool Placeholder = false)
{
    /// <summary>Marked <see cref="Placeholder"/>, or a name, phone or url still a "[...]" sample: never shown to staff (see <see cref="PackText"/>).</summary>
    public bool IsSample => Placeholder || new[] { Name, Phone, Url }.Any(detail => Real(detail) != detail);

    /// <summary>A detail, or null while it is a "[...]" sample; a real one is shown even if the school forgot to remove <see cref="Placeholder"/>.</summary>
    public static string? Real(string? value) =>
        value is { } text && text.TrimStart().StartsWith('[') && text.TrimEnd().EndsWith(']') ? null : value;
}
