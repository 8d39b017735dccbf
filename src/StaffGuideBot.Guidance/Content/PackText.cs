using System.Text;
using System.Text.RegularExpressions;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The {placeholders} of pack text: <c>{term}</c> from pack.yaml's terms, <c>{contact.&lt;id&gt;.name}</c> (also
/// <c>.phone</c>, <c>.role</c>, <c>.url</c>) from contacts.yaml, and the runtime values the bot fills in texts.yaml
/// messages (<see cref="RuntimePlaceholders"/>). Braces around anything else (e.g. "{ }") are left as they are.
/// </summary>
public static partial class PackText
{
    /// <summary>
    /// Placeholders the bot fills at run time (see <see cref="TextKeys"/>); allowed only in texts.yaml. Listed once, in
    /// pack.schema.json, as the names a term may not have (with "contact").
    /// </summary>
    public static IReadOnlyList<string> RuntimePlaceholders { get; } = [.. PackSchema.ReservedTerms().Where(n => n != "contact")];

    /// <summary>The details of a contact a placeholder may use: {contact.&lt;id&gt;.&lt;detail&gt;}.</summary>
    public static IReadOnlyList<string> ContactDetails { get; } = ["name", "phone", "role", "url"];

    /// <summary>
    /// The text with its terms and contact details filled in, and any <paramref name="values"/> (runtime
    /// placeholders such as "reference"). Placeholders with nothing to fill are left as written. A contact still
    /// holding the pack's samples (<see cref="Contact.IsSample"/>) never shows them: its name is its role, and its
    /// phone or url is the pack's <see cref="TextKeys.ContactsNotAdded"/> message.
    /// </summary>
    public static string Fill(this ContentPack pack, string text, IReadOnlyDictionary<string, string>? values = null) =>
        Fill(pack, text, values, contacts: true);

    /// <summary>What staff see for a contact's phone while it is a sample: the pack's plain fallback.</summary>
    public static string NotAdded(this ContentPack pack, Contact contact)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(contact);
        var role = Fill(pack, contact.Role, null, contacts: false);

        // An older pack version without the message still never shows the sample: the role alone.
        return pack.Texts.TryGetValue(TextKeys.ContactsNotAdded, out var text)
            ? Fill(pack, text, new Dictionary<string, string> { ["name"] = role }, contacts: false)
            : role;
    }

    private static string Fill(ContentPack pack, string text, IReadOnlyDictionary<string, string>? values, bool contacts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pack);
        var result = new StringBuilder(text.Length);
        var last = 0;
        foreach (var placeholder in Find(text))
        {
            result.Append(text, last, placeholder.Index - last);
            result.Append(Resolve(placeholder.Name, pack, values, contacts) ?? text.Substring(placeholder.Index, placeholder.Length));
            last = placeholder.Index + placeholder.Length;
        }

        return result.Append(text, last, text.Length - last).ToString();
    }

    /// <summary>The texts.yaml message for <paramref name="key"/> (see <see cref="TextKeys"/>), filled.</summary>
    public static string Text(this ContentPack pack, string key, IReadOnlyDictionary<string, string>? values = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return pack.Texts.TryGetValue(key, out var text)
            ? pack.Fill(text, values)
            : throw new KeyNotFoundException($"The content pack has no text '{key}'.");
    }

    /// <summary>The placeholders in <paramref name="text"/>: the name inside the braces, where the "{" is, and the length with braces.</summary>
    public static IEnumerable<(string Name, int Index, int Length)> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Placeholder().Matches(text))
        {
            yield return (match.Groups[1].Value, match.Index, match.Length);
        }
    }

    /// <summary>A contact's detail by placeholder name (name, phone, role, url); null when unknown or not set.</summary>
    public static string? ContactDetail(Contact contact, string detail)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return detail switch
        {
            "name" => contact.Name,
            "phone" => contact.Phone,
            "role" => contact.Role,
            "url" => contact.Url,
            _ => null,
        };
    }

    private static string? Resolve(string name, ContentPack pack, IReadOnlyDictionary<string, string>? values, bool contacts)
    {
        if (values is not null && values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (pack.Terms.TryGetValue(name, out var term))
        {
            return term;
        }

        var parts = name.Split('.');
        if (!contacts || parts is not ["contact", var id, var detail] || pack.Contacts.Find(id) is not { } contact)
        {
            return null;
        }

        var shown = ContactDetail(contact, detail);
        if (detail == "role" || shown is null || Contact.Real(shown) is not null)
        {
            return shown;
        }

        return detail == "name" ? Fill(pack, contact.Role, null, contacts: false) : pack.NotAdded(contact);
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
