using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds pack.yaml, contacts.yaml and texts.yaml, and checks the length and {placeholders} of any pack text.</summary>
internal sealed partial class PackBinder(LoadContext context)
{
    /// <summary>
    /// The most characters one text may have, as written in the pack. Teams refuses a message over about 28 KB,
    /// and a card carries several texts, its buttons and JSON markup (and the review and DSL summary cards carry
    /// the answers too). 4000 characters are at most 12 KB in UTF-8 (3 bytes a character outside Latin scripts), so
    /// no single text can use up the limit; 4000 characters is also about a page, far more than a frightened
    /// member of staff reads on a phone (the longest England text has about 1500). <c>content validate</c> checks
    /// the size of every whole card as well.
    /// </summary>
    public const int MaxTextLength = 4000;

    // The keys of each mapping, from the schemas (dialogs/schema).

    /// <summary>The keys of texts.yaml: the properties of texts.schema.json (<see cref="TextKeys"/> names them for the code).</summary>
    private static readonly IReadOnlyList<string> TextKeyNames = PackSchema.Keys("texts.schema.json", "#");

    private ProblemCollector Problems => context.Problems;

    /// <summary>The root of a file as a mapping; reports a root of another kind. Null when missing or wrong.</summary>
    public YamlMappingNode? Root(PackSource? file, string expected)
    {
        if (file?.Root is null)
        {
            return null;
        }

        if (file.Root is YamlMappingNode mapping)
        {
            return mapping;
        }

        Problems.Error(file, file.Root, $"the file must be a mapping {expected}, not {YamlNodes.Describe(file.Root)}");
        return null;
    }

    /// <summary>
    /// Binds pack.yaml: checked against pack.schema.json and read by System.Text.Json (see <see cref="SchemaBinding"/>);
    /// what the schema can't say (term names that clash with the bot's placeholders, duplicate year groups, a year
    /// group's ages in order) is checked here.
    /// </summary>
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
        context.Terms = pack.Terms.ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);
        context.Words = pack.Words;
        context.Settings = pack.Settings;
        context.YearGroups = [];
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (group, index) in pack.YearGroups.Select((g, i) => (g, i)))
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"#/yearGroups[{index}]");
            var value = binding.Node(at + ".value");
            if (seen.TryGetValue(group.Value, out var first))
            {
                Problems.Error(file!, value, $"duplicate year group '{group.Value}' (first at line {first.Start.Line})");
                continue;
            }

            seen[group.Value] = value;
            if (group.MinAge > group.MaxAge)
            {
                Problems.Error(file!, binding.Node(at + ".minAge"), $"year group '{group.Value}' has minAge {group.MinAge} greater than maxAge {group.MaxAge}");
                continue;
            }

            context.YearGroups.Add(new YearGroup { Value = group.Value.Trim(), Title = group.Title.Trim(), MinAge = group.MinAge, MaxAge = group.MaxAge });
        }
    }

    /// <summary>
    /// Binds contacts.yaml: checked against contacts.schema.json and read by System.Text.Json; what the schema can't
    /// say is checked here: each contact ends up (once merged onto a pack it extends) with a role and a phone or url,
    /// phone numbers and web addresses are usable, ids are unique across the lists, and samples are marked.
    /// </summary>
    public void BindContacts(PackSource? file)
    {
        // Each contact the schema finds nothing wrong with is read and checked further, whatever is wrong with the others.
        if (SchemaBinding.CheckItems(file, Problems, "contacts.schema.json") is not { } binding)
        {
            return;
        }

        context.Contacts = new ContactDirectory { School = Bind("school"), Local = Bind("local"), National = Bind("national") };

        List<Contact> Bind(string key)
        {
            var contacts = new List<Contact>();
            for (var i = 0; i < binding.Count("#/" + key); i++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"#/{key}[{i}]");
                if (binding.IsValid(path))
                {
                    contacts.AddRange(BindContact(file!, binding, path, binding.Read<Contact>(path)) is { } contact ? [contact] : []);
                }
                else if (binding.IsValid(path + ".id") && binding.Has(path + ".id"))
                {
                    // Its problem is reported; references to it are not reported as well.
                    context.ContactsById.TryAdd(binding.Read<string>(path + ".id"), new Contact { Id = binding.Read<string>(path + ".id"), Role = string.Empty });
                }
            }

            return contacts;
        }
    }

    /// <summary>Binds texts.yaml, whose keys <see cref="PackMerge.FlattenTexts"/> has made full dotted names.</summary>
    public void BindTexts(PackSource? file)
    {
        if (Root(file, "of text keys such as 'menu.title'") is not { } root)
        {
            return;
        }

        // A text that is empty or not text, and a key the bot does not use (which the schema allows only as a group
        // of texts), are said so in the words of the texts; each of the others is read and checked.
        var names = root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).ToList();
        var unknown = names.Where(k => !TextKeyNames.Contains(k)).ToList();
        var notTexts = new HashSet<string>(StringComparer.Ordinal);
        var binding = SchemaBinding.CheckItems(file, Problems, "texts.schema.json", before: b =>
        {
            names.Where(name => !IsText(file!, b, name)).ToList().ForEach(name => notTexts.Add(name));
            foreach (var key in unknown)
            {
                Problems.Warning(file!, b.KeyNode(SchemaBinding.Child("#", key)), $"text '{key}' is not used by the bot{Suggestions.DidYouMean(key, TextKeyNames)}");
            }
        })!;
        foreach (var name in names.Where(name => !notTexts.Contains(name) && (binding.IsValid(SchemaBinding.Child("#", name)) || unknown.Contains(name))))
        {
            var path = SchemaBinding.Child("#", name);
            context.Texts[name] = binding.Read<string>(path);
            CheckText(file!, (YamlScalarNode)binding.Node(path), context.Texts[name], $"text '{name}'", allowRuntime: true);
        }

        foreach (var key in TextKeyNames.Where(k => !names.Contains(k)))
        {
            var typo = Suggestions.Closest(key, unknown) is { } close
                ? $"; '{close}' at line {Problems.Line(binding.KeyNode(SchemaBinding.Child("#", close)), root)} looks like a typo of it"
                : string.Empty;
            Problems.Error(file!, root, $"missing text '{key}'{typo}");
        }
    }

    /// <summary>Reports a text over <see cref="MaxTextLength"/> characters and {placeholders} that name no term or contact detail (runtime ones only when allowed).</summary>
    public void CheckText(PackSource file, YamlScalarNode node, string text, string subject, bool allowRuntime = false)
    {
        CheckLength(file, node, text, subject);
        foreach (var (name, _, _) in PackText.Find(text))
        {
            if (PlaceholderProblem(name, "{" + name + "}", allowRuntime) is { } message)
            {
                Problems.Error(file, node, "{" + name + "}", $"{subject} {message}");
            }
        }
    }

    /// <summary>Reports a text over <see cref="MaxTextLength"/> characters.</summary>
    public void CheckLength(PackSource file, YamlNode node, string text, string subject)
    {
        if (text.Length > MaxTextLength)
        {
            Problems.Error(file, node, string.Create(CultureInfo.InvariantCulture, $"{subject} is {text.Length} characters long; a text may have at most {MaxTextLength}, because Teams refuses a message over about 28 KB; shorten it or split it"));
        }
    }

    private string? PlaceholderProblem(string name, string written, bool allowRuntime)
    {
        var parts = name.Split('.');
        if (parts[0] == "contact" && parts.Length > 1)
        {
            if (context.Contacts is null)
            {
                return null;
            }

            if (parts.Length != 3)
            {
                return $"uses '{written}'; expected {{contact.<id>.<detail>}} with a detail of {YamlNodes.Quote(PackText.ContactDetails)}";
            }

            if (!context.ContactsById.TryGetValue(parts[1], out var contact))
            {
                return $"uses unknown contact '{parts[1]}' in '{written}'{Suggestions.DidYouMean(parts[1], context.ContactsById.Keys)}; contacts are defined in contacts.yaml";
            }

            if (!PackText.ContactDetails.Contains(parts[2]))
            {
                return $"uses '{written}', but '{parts[2]}' is not a contact detail{Suggestions.DidYouMean(parts[2], PackText.ContactDetails)}; expected one of {YamlNodes.Quote(PackText.ContactDetails)}";
            }

            return PackText.ContactDetail(contact, parts[2]) is null
                ? $"uses '{written}', but contact '{parts[1]}' has no {parts[2]}"
                : null;
        }

        if (PackText.RuntimePlaceholders.Contains(name))
        {
            return allowRuntime ? null : $"uses '{written}', which the bot fills in only in texts.yaml messages";
        }

        if (context.Terms is null || context.Terms.ContainsKey(name))
        {
            return null;
        }

        var candidates = context.Terms.Keys.Concat(allowRuntime ? PackText.RuntimePlaceholders : []);
        return $"uses unknown placeholder '{written}'{Suggestions.DidYouMean(name, candidates, "'{", "}'")}; "
            + $"expected a term from pack.yaml ({YamlNodes.Quote(context.Terms.Keys)}), {{contact.<id>.name}} or {{contact.<id>.phone}}"
            + (allowRuntime ? $", or one the bot fills in ({YamlNodes.Quote(PackText.RuntimePlaceholders.Select(p => "{" + p + "}"))})" : string.Empty);
    }

    /// <summary>Term names the bot's placeholders use, or that are not plain words (the schema says only "not allowed").</summary>
    private void CheckTermNames(PackSource file, YamlMappingNode root)
    {
        if (root.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: "terms" }).Value is not YamlMappingNode terms)
        {
            return;
        }

        foreach (var key in terms.Children.Keys.OfType<YamlScalarNode>())
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

    /// <summary>pack.yaml as its schema describes it.</summary>
    private sealed record PackFile
    {
        public required string Id { get; init; }

        public required string Name { get; init; }

        public Dictionary<string, string> Terms { get; init; } = [];

        public PackWords Words { get; init; } = new();

        public List<YearGroup> YearGroups { get; init; } = [];

        public PackSettings Settings { get; init; } = new();
    }

    private Contact? BindContact(PackSource file, SchemaBinding binding, string path, Contact contact)
    {
        var subject = $"contact '{contact.Id}'";
        var node = binding.Node(path);
        if (contact.Role is null)
        {
            Problems.Error(file, node, $"{subject} is missing 'role'");
        }

        foreach (var (key, value) in new[] { ("role", contact.Role), ("name", contact.Name), ("notes", contact.Notes) })
        {
            if (value is not null)
            {
                CheckLength(file, binding.Node($"{path}.{key}"), value, $"{subject}: '{key}'");
            }
        }

        if (contact.Phone is null && contact.Url is null)
        {
            Problems.Error(file, node, $"{subject} needs a phone or a url (or both)");
        }

        if (contact.Phone is { } phone && PhoneProblem(phone.Trim(), contact.Placeholder) is { } phoneProblem)
        {
            var at = binding.Node(path + ".phone");
            Problems.Error(file, at, $"{subject}: 'phone' must be a phone number: digits, spaces, '+', round brackets and hyphens, with 3 to 15 digits (e.g. \"01234 567890\", \"+44 20 7946 0000\", \"999\" or \"116 123\"), not {YamlNodes.Describe(at)}{phoneProblem}");
        }

        if (contact.Url is { } url && !contact.Placeholder)
        {
            var at = binding.Node(path + ".url");
            var written = YamlNodes.Describe(at);
            if (!(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            {
                Problems.Error(file, at, $"{subject}: 'url' must be a web address starting with https://, not {written}");
            }
            else if (UrlProblem(url.Trim(), uri) is { } urlProblem)
            {
                Problems.Error(file, at, $"{subject}: 'url' {urlProblem}; expected a whole web address such as https://www.nspcc.org.uk/, not {written}");
            }
        }

        if (contact.Placeholder)
        {
            Problems.PlaceholderWarning(file, binding.Node(path + ".placeholder"), $"{subject} still has sample details ('placeholder: true'); replace them with your own and remove that line");
        }

        var idNode = binding.Node(path + ".id");
        if (context.ContactsById.TryGetValue(contact.Id, out var first))
        {
            Problems.Error(file, idNode, $"duplicate contact id '{contact.Id}' (first at line {context.Line(first, idNode)}); contact ids must be unique across school, local and national");
            return null;
        }

        var bound = new Contact
        {
            Id = contact.Id,
            Role = contact.Role?.Trim() ?? string.Empty, // a missing role is reported; the contact still counts for references
            Name = contact.Name?.Trim(),
            Phone = contact.Phone?.Trim(),
            Url = contact.Url?.Trim(),
            Notes = contact.Notes,
            Placeholder = contact.Placeholder,
        };
        context.ContactsById[bound.Id] = bound;
        context.Positions[bound] = idNode;
        return bound;
    }

    /// <summary>
    /// Null when <paramref name="phone"/> looks like a phone number: digits, spaces, '+', round brackets and hyphens,
    /// with at least 3 digits (999, 101 and 116 123 are real numbers) and at most 15, the longest international number
    /// (a written "(0)" not counted). A sample such as "[DSL phone]" is fine on a contact marked placeholder: true.
    /// Otherwise a hint to add to the message, or an empty string.
    /// </summary>
    private static string? PhoneProblem(string phone, bool placeholder)
    {
        var sample = phone.Length > 1 && phone[0] == '[' && phone[^1] == ']';
        if (sample)
        {
            return placeholder ? null : "; a sample value in [brackets] needs 'placeholder: true'";
        }

        var digits = phone.Replace("(0)", string.Empty, StringComparison.Ordinal).Count(char.IsAsciiDigit);
        return PhonePattern().IsMatch(phone) && digits is >= 3 and <= 15 ? null : string.Empty;
    }

    /// <summary>What is wrong with a parsed http(s) address, or null: a host that is not a name or an IP address, or a space.</summary>
    private static string? UrlProblem(string url, Uri uri)
    {
        if (uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6))
        {
            return $"has '{uri.Host}', which is not a host name";
        }

        return url.Any(char.IsWhiteSpace) ? "contains a space (write it as %20)" : null;
    }

    [GeneratedRegex(@"^\+?[0-9 ()-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    /// <summary>Whether the value of text <paramref name="name"/> is text; reported (and left out of the schema's check) when not.</summary>
    private bool IsText(PackSource file, SchemaBinding binding, string name)
    {
        var path = SchemaBinding.Child("#", name);
        if (binding.Node(path) is not YamlScalarNode scalar)
        {
            Problems.Error(file, binding.Node(path), $"text '{name}' must be text, not {YamlNodes.Describe(binding.Node(path))}");
            binding.Skip(path);
        }
        else if (YamlNodes.IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            Problems.Error(file, binding.KeyNode(path), $"text '{name}' is empty");
            binding.Skip(path);
        }
        else
        {
            return true;
        }

        return false;
    }
}
