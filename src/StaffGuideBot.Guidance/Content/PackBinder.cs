using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds pack.yaml, contacts.yaml and texts.yaml, and checks the length and {placeholders} of any pack text.</summary>
internal sealed partial class PackBinder(LoadContext context)
{
    /// <summary>The most characters one text may have: about a page, and at most 12 KB of the 28 KB Teams takes in a message.</summary>
    public const int MaxTextLength = 4000;

    private static readonly IReadOnlyList<string> TextKeyNames = PackSchema.Keys("texts.schema.json", "#");

    private ProblemCollector Problems => context.Problems;

    /// <summary>The root of a file as a mapping; reports a root of another kind. Null when missing or wrong.</summary>
    public YamlMappingNode? Root(PackSource? file, string expected)
    {
        if (file?.Root is null or YamlMappingNode)
        {
            return file?.Root as YamlMappingNode;
        }

        Problems.Error(file, file.Root, $"the file must be a mapping {expected}, not {YamlNodes.Describe(file.Root)}");
        return null;
    }

    /// <summary>Binds pack.yaml; C# checks what its schema can't say: term names, duplicate year groups, ages in order.</summary>
    public void BindPack(PackSource? file)
    {
        if (file?.Root is YamlMappingNode root)
        {
            CheckTermNames(file, root);
        }

        if (SchemaBinding.Check(file, Problems, "pack.schema.json") is not { } binding)
        {
            return;
        }

        var pack = binding.Read<PackFile>();
        context.Id = pack.Id;
        context.Name = pack.Name.Trim();
        context.Terms = (pack.Terms ?? []).ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);
        context.Words = pack.Words ?? new();
        context.Settings = pack.Settings ?? new();
        context.YearGroups = [];
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (index, group) in (pack.YearGroups ?? []).Index())
        {
            var at = SchemaBinding.Child("#/yearGroups", index);
            if (!seen.TryAdd(group.Value, binding.Node(at + ".value")))
            {
                Problems.Error(file!, binding.Node(at + ".value"), $"duplicate year group '{group.Value}' (first at line {seen[group.Value].Start.Line})");
            }
            else if (group.MinAge > group.MaxAge)
            {
                Problems.Error(file!, binding.Node(at + ".minAge"), $"year group '{group.Value}' has minAge {group.MinAge} greater than maxAge {group.MaxAge}");
            }
            else
            {
                context.YearGroups.Add(group with { Title = group.Title.Trim() });
            }
        }
    }

    public void BindContacts(PackSource? file)
    {
        if (SchemaBinding.CheckItems(file, Problems, "contacts.schema.json") is not { } binding)
        {
            return;
        }

        context.Contacts = new ContactDirectory(Bind("school"), Bind("local"), Bind("national"));

        List<Contact> Bind(string list) =>
            [.. Enumerable.Range(0, binding.Count("#/" + list)).Select(i => BindContact(file!, binding, SchemaBinding.Child("#/" + list, i))).OfType<Contact>()];
    }

    /// <summary>Binds texts.yaml, whose keys <see cref="PackMerge.FlattenTexts"/> has made full dotted names.</summary>
    public void BindTexts(PackSource? file)
    {
        if (Root(file, "of text keys such as 'menu.title'") is not { } root)
        {
            return;
        }

        // Said in the words of the texts, before the schema (which reports nothing more on these lines).
        var keys = root.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Key, StringComparer.Ordinal);
        var unknown = keys.Keys.Where(k => !TextKeyNames.Contains(k)).ToList();
        var texts = new List<string>();
        foreach (var (key, value) in root.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (value is not YamlScalarNode scalar)
            {
                Problems.Error(file!, value, $"text '{name}' must be text, not {YamlNodes.Describe(value)}");
            }
            else if (YamlNodes.IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
            {
                Problems.Error(file!, key, $"text '{name}' is empty");
            }
            else
            {
                texts.Add(name);
            }
        }

        unknown.ForEach(key => Problems.Warning(file!, keys[key], $"text '{key}' is not used by the bot{Suggestions.DidYouMean(key, TextKeyNames)}"));
        var binding = SchemaBinding.CheckItems(file, Problems, "texts.schema.json")!;
        foreach (var name in texts.Where(n => binding.IsValid(SchemaBinding.Child("#", n)) || unknown.Contains(n)))
        {
            context.Texts[name] = binding.Read<string>(SchemaBinding.Child("#", name));
            CheckText(file!, (YamlScalarNode)root.Children[keys[name]], context.Texts[name], $"text '{name}'", allowRuntime: true);
        }

        foreach (var key in TextKeyNames.Where(k => !keys.ContainsKey(k)))
        {
            var typo = Suggestions.Closest(key, unknown) is { } close ? $"; '{close}' at line {Problems.Line(keys[close], root)} looks like a typo of it" : string.Empty;
            Problems.Error(file!, root, $"missing text '{key}'{typo}");
        }
    }

    /// <summary>Reports a text over <see cref="MaxTextLength"/> characters and {placeholders} that name no term or contact detail (runtime ones only when allowed).</summary>
    public void CheckText(PackSource file, YamlScalarNode node, string text, string subject, bool allowRuntime = false)
    {
        CheckLength(file, node, text, subject);
        foreach (var (name, _, _) in PackText.Find(text))
        {
            if (PlaceholderProblem(name, allowRuntime) is { } message)
            {
                Problems.Error(file, node, "{" + name + "}", $"{subject} {message}");
            }
        }
    }

    private void CheckLength(PackSource file, YamlNode node, string text, string subject)
    {
        if (text.Length > MaxTextLength)
        {
            Problems.Error(file, node, string.Create(CultureInfo.InvariantCulture, $"{subject} is {text.Length} characters long; a text may have at most {MaxTextLength}, because Teams refuses a message over about 28 KB; shorten it or split it"));
        }
    }

    private string? PlaceholderProblem(string name, bool allowRuntime)
    {
        var written = "{" + name + "}";
        var details = PackText.ContactDetails;
        return name.Split('.') switch
        {
            ["contact", _, ..] when context.Contacts is null => null,
            ["contact", var id, _] when !context.ContactsById.ContainsKey(id) =>
                $"uses unknown contact '{id}' in '{written}'{Suggestions.DidYouMean(id, context.ContactsById.Keys)}; contacts are defined in contacts.yaml",
            ["contact", _, var detail] when !details.Contains(detail) =>
                $"uses '{written}', but '{detail}' is not a contact detail{Suggestions.DidYouMean(detail, details)}; expected one of {YamlNodes.Quote(details)}",
            ["contact", var id, var detail] => PackText.ContactDetail(context.ContactsById[id], detail) is null ? $"uses '{written}', but contact '{id}' has no {detail}" : null,
            ["contact", _, ..] => $"uses '{written}'; expected {{contact.<id>.<detail>}} with a detail of {YamlNodes.Quote(details)}",
            _ when PackText.RuntimePlaceholders.Contains(name) => allowRuntime ? null : $"uses '{written}', which the bot fills in only in texts.yaml messages",
            _ when context.Terms is null || context.Terms.ContainsKey(name) => null,
            _ => $"uses unknown placeholder '{written}'{Suggestions.DidYouMean(name, context.Terms.Keys.Concat(allowRuntime ? PackText.RuntimePlaceholders : []), "'{", "}'")}; "
                + $"expected a term from pack.yaml ({YamlNodes.Quote(context.Terms.Keys)}), {{contact.<id>.name}} or {{contact.<id>.phone}}"
                + (allowRuntime ? $", or one the bot fills in ({YamlNodes.Quote(PackText.RuntimePlaceholders.Select(p => "{" + p + "}"))})" : string.Empty),
        };
    }

    /// <summary>Term names the bot's placeholders use, or that are not plain words (the schema says only "not allowed").</summary>
    private void CheckTermNames(PackSource file, YamlMappingNode root)
    {
        var terms = root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "terms" }).Value as YamlMappingNode;
        foreach (var key in terms?.Children.Keys.OfType<YamlScalarNode>() ?? [])
        {
            var name = key.Value ?? string.Empty;
            if (!PackSchema.IsId(name) || name.Contains('-', StringComparison.Ordinal))
            {
                Problems.Error(file, key, $"term '{name}' may only use letters, digits and '_', and must start with a letter");
            }
            else if (PackSchema.ReservedTerms().Contains(name))
            {
                Problems.Error(file, key, $"term '{name}' clashes with the placeholder the bot uses for {(name == "contact" ? "contacts" : "{" + name + "}")}; choose another name");
            }
        }
    }

    /// <summary>A contact checked for what the schema can't say (a role, a phone or url, a unique id); null if it has problems.</summary>
    private Contact? BindContact(PackSource file, SchemaBinding binding, string path)
    {
        var idNode = binding.Node(path + ".id");
        if (!binding.IsValid(path))
        {
            if (binding.IsValid(path + ".id")) // known, so references to it are not reported too
            {
                var id = binding.Read<string>(path + ".id");
                context.ContactsById.TryAdd(id, new Contact(id, string.Empty));
            }

            return null;
        }

        var contact = binding.Read<Contact>(path);
        var subject = $"contact '{contact.Id}'";
        if (contact.Role is null)
        {
            Problems.Error(file, binding.Node(path), $"{subject} is missing 'role'");
        }

        foreach (var (key, value) in new[] { ("role", contact.Role), ("name", contact.Name), ("notes", contact.Notes) }.Where(d => d.Item2 is not null))
        {
            CheckLength(file, binding.Node($"{path}.{key}"), value!, $"{subject}: '{key}'");
        }

        if (contact.Phone is null && contact.Url is null)
        {
            Problems.Error(file, binding.Node(path), $"{subject} needs a phone or a url (or both)");
        }

        if (contact.Phone is { } phone && PhoneProblem(phone.Trim(), contact.Placeholder) is { } phoneProblem)
        {
            var at = binding.Node(path + ".phone");
            Problems.Error(file, at, $"{subject}: 'phone' must be a phone number: digits, spaces, '+', round brackets and hyphens, with 3 to 15 digits (e.g. \"01234 567890\", \"+44 20 7946 0000\", \"999\" or \"116 123\"), not {YamlNodes.Describe(at)}{phoneProblem}");
        }

        if (contact.Url is { } url && !contact.Placeholder && UrlProblem(url.Trim()) is { } urlProblem)
        {
            var at = binding.Node(path + ".url");
            Problems.Error(file, at, $"{subject}: 'url' {urlProblem}, not {YamlNodes.Describe(at)}");
        }

        if (contact.Placeholder)
        {
            Problems.PlaceholderWarning(file, binding.Node(path + ".placeholder"), $"{subject} still has sample details ('placeholder: true'); replace them with your own and remove that line");
        }

        if (context.ContactsById.TryGetValue(contact.Id, out var first))
        {
            Problems.Error(file, idNode, $"duplicate contact id '{contact.Id}' (first at line {context.Line(first, idNode)}); contact ids must be unique across school, local and national");
            return null;
        }

        // A missing role is reported; the contact still counts for references.
        var bound = contact with { Role = contact.Role?.Trim() ?? string.Empty, Name = contact.Name?.Trim(), Phone = contact.Phone?.Trim(), Url = contact.Url?.Trim() };
        context.ContactsById[bound.Id] = bound;
        context.Positions[bound] = idNode;
        return bound;
    }

    /// <summary>Null for a phone number (a written "(0)" is not counted) or a "[sample]" on a placeholder contact; else a hint for the message, or "".</summary>
    private static string? PhoneProblem(string phone, bool placeholder)
    {
        if (phone.Length > 1 && phone[0] == '[' && phone[^1] == ']')
        {
            return placeholder ? null : "; a sample value in [brackets] needs 'placeholder: true'";
        }

        var digits = phone.Replace("(0)", string.Empty, StringComparison.Ordinal).Count(char.IsAsciiDigit);
        return PhonePattern().IsMatch(phone) && digits is >= 3 and <= 15 ? null : string.Empty;
    }

    /// <summary>What is wrong with a web address: not http(s), a host that is not a name or an IP address, or a space; or null.</summary>
    private static string? UrlProblem(string url)
    {
        const string Expected = "; expected a whole web address such as https://www.nspcc.org.uk/";
        return !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") ? "must be a web address starting with https://"
            : uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) ? $"has '{uri.Host}', which is not a host name{Expected}"
            : url.Any(char.IsWhiteSpace) ? "contains a space (write it as %20)" + Expected
            : null;
    }

    [GeneratedRegex(@"^\+?[0-9 ()-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    private sealed record PackFile(string Id, string Name, Dictionary<string, string>? Terms, PackWords? Words, List<YearGroup>? YearGroups, PackSettings? Settings);
}
