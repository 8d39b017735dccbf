using System.Reflection;
using System.Text.RegularExpressions;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// The {placeholders} of pack text: <c>{term}</c> from pack.yaml, <c>{contact.&lt;id&gt;.&lt;detail&gt;}</c> from
/// contacts.yaml and the <see cref="RuntimePlaceholders"/> of texts.yaml messages; other braces are left as they are.
/// </summary>
public static partial class PackText
{
    /// <summary>Placeholders the bot fills at run time, allowed only in texts.yaml: the names pack.schema.json forbids for a term, but "contact".</summary>
    public static IReadOnlyList<string> RuntimePlaceholders { get; } = [.. PackSchema.ReservedTerms().Where(n => n != "contact")];

    /// <summary>The details {contact.&lt;id&gt;.&lt;detail&gt;} may use: the keys of a contact in contacts.schema.json that are texts, but its id.</summary>
    public static IReadOnlyList<string> ContactDetails { get; } = [.. PackSchema.Keys("contacts.schema.json", "#/definitions/contact").Where(k => DetailProperty(k) is not null)];

    /// <summary>The text with its terms, contact details and <paramref name="values"/> filled in; a real phone is a <see cref="PhoneLink"/>, a web address a <see cref="UrlLink"/>, a sample contact's name is its role, its other details <see cref="NotAdded"/>.</summary>
    public static string Fill(this ContentPack pack, string text, IReadOnlyDictionary<string, string>? values = null) =>
        Fill(pack, text, values, contacts: true);

    /// <summary>What staff see for a contact's phone while it is a sample: the pack's plain fallback.</summary>
    public static string NotAdded(this ContentPack pack, Contact contact)
    {
        var role = Fill(pack, contact.Role, null, contacts: false);
        return Fill(pack, pack.Texts[TextKeys.ContactsNotAdded], new Dictionary<string, string> { ["name"] = role }, contacts: false);
    }

    /// <summary>A real phone number as a Markdown link that dials it: tel: its digits after a leading + (an international number's "(0)" is not dialled), e.g. [+44 (0)20 7946 0000](tel:+442079460000).</summary>
    public static string PhoneLink(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var international = phone.TrimStart().StartsWith('+');
        var digits = (international ? phone.Replace("(0)", string.Empty, StringComparison.Ordinal) : phone).Where(char.IsAsciiDigit);
        return $"[{phone.Trim()}](tel:{(international ? "+" : string.Empty)}{string.Concat(digits)})";
    }

    /// <summary>A web address as a Markdown link showing only its host, so it fits a phone: [ceop.police.uk](https://www.ceop.police.uk/…).</summary>
    public static string UrlLink(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ? uri.Host : url.Trim();
        return $"[{(host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host)}]({url.Trim()})";
    }

    public static string Text(this ContentPack pack, string key, IReadOnlyDictionary<string, string>? values = null) =>
        pack.Fill(pack.Texts[key], values);

    /// <summary>The placeholders in <paramref name="text"/>: the name inside the braces, where the "{" is, and the length with braces.</summary>
    public static IEnumerable<(string Name, int Index, int Length)> Find(string text) =>
        Placeholder().Matches(text).Select(m => (m.Groups[1].Value, m.Index, m.Length));

    /// <summary>A contact's detail by placeholder name (see <see cref="ContactDetails"/>); null when unknown or not set.</summary>
    public static string? ContactDetail(Contact contact, string detail) =>
        ContactDetails.Contains(detail) ? (string?)DetailProperty(detail)!.GetValue(contact) : null;

    /// <summary>The text property of <see cref="Contact"/> a contact key is read into, as System.Text.Json binds it; none for the id.</summary>
    private static PropertyInfo? DetailProperty(string key) =>
        typeof(Contact).GetProperty(key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase) is { } property
        && property.PropertyType == typeof(string) && property.Name != nameof(Contact.Id) ? property : null;

    private static string Fill(ContentPack pack, string text, IReadOnlyDictionary<string, string>? values, bool contacts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pack);
        // Most text has no placeholder: returned as it is, without a match evaluator and its closure.
        return text.Contains('{', StringComparison.Ordinal)
            ? Placeholder().Replace(text, match => Resolve(match.Groups[1].Value, pack, values, contacts) ?? match.Value)
            : text;
    }

    private static string? Resolve(string name, ContentPack pack, IReadOnlyDictionary<string, string>? values, bool contacts)
    {
        if ((values is not null && values.TryGetValue(name, out var value)) || pack.Terms.TryGetValue(name, out value))
        {
            return value;
        }

        if (!contacts || name.Split('.') is not ["contact", var id, var detail] || pack.Contacts.Find(id) is not { } contact)
        {
            return null;
        }

        var shown = ContactDetail(contact, detail);
        if (detail == "role" || shown is null || Contact.Real(shown) is not null)
        {
            return (detail, shown) switch
            {
                ("phone", { } phone) => PhoneLink(phone),
                ("url", { } url) => UrlLink(url),
                _ => shown,
            };
        }

        return detail == "name" ? Fill(pack, contact.Role, null, contacts: false) : pack.NotAdded(contact);
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
