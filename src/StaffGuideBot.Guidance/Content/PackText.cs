using System.Text.RegularExpressions;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Fills a pack text's placeholders: {term}, {contact.id.field}, and runtime values passed in.</summary>
public static partial class PackText
{
    public static string Fill(this ContentPack pack, string text, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(text);
        return Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (values is not null && values.TryGetValue(name, out var value))
            {
                return value;
            }

            if (pack.Terms.TryGetValue(name, out var term))
            {
                return term;
            }

            if (name.StartsWith("contact.", StringComparison.Ordinal))
            {
                var parts = name.Split('.');
                var contact = parts.Length == 3 ? pack.Contacts.Find(parts[1]) : null;
                var field = parts.Length == 3 ? parts[2] switch
                {
                    "name" => contact?.Name,
                    "phone" => contact?.Phone,
                    "role" => contact?.Role,
                    "url" => contact?.Url,
                    _ => null,
                } : null;
                if (field is not null)
                {
                    return field;
                }
            }

            return match.Value;
        });
    }

    /// <summary>The text for <paramref name="key"/> (see <see cref="TextKeys"/>), filled.</summary>
    public static string Text(this ContentPack pack, string key, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return pack.Texts.TryGetValue(key, out var text)
            ? pack.Fill(text, values)
            : throw new KeyNotFoundException($"The content pack has no text '{key}'.");
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_.]*)\}")]
    private static partial Regex Placeholder();
}
