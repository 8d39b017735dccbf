using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds pack.yaml, contacts.yaml and texts.yaml, and checks the length and {placeholders} of any pack text.</summary>
internal sealed class PackBinder(LoadContext context)
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

        context.Contacts = new ContactDirectory(Bind("school"), Bind("local"), Bind("national"), binding.IsValid("#/whenNoOneAnswers") ? binding.Read<List<string>>("#/whenNoOneAnswers") : []);
        CheckContactIds(file!, binding, "#/whenNoOneAnswers", "whenNoOneAnswers", context.Contacts.WhenNoOneAnswers);

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

        var keys = root.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => e.Key, StringComparer.Ordinal);
        var unknown = keys.Keys.Where(k => !TextKeyNames.Contains(k)).ToList();
        unknown.ForEach(key => Problems.Warning(file!, keys[key], $"text '{key}' is not used by the bot{Suggestions.DidYouMean(key, TextKeyNames)}"));

        // An unknown text is warned of, not checked by the schema, but its placeholders are checked as a known one's.
        var binding = SchemaBinding.CheckItems(file, Problems, "texts.schema.json")!;
        foreach (var (name, key) in keys.Where(k => binding.IsValid(SchemaBinding.Child("#", k.Key)) || (unknown.Contains(k.Key) && root.Children[k.Value] is YamlScalarNode s && !YamlNodes.IsNull(s))))
        {
            context.Texts[name] = binding.Read<string>(SchemaBinding.Child("#", name));
            CheckText(file!, (YamlScalarNode)root.Children[key], context.Texts[name], $"text '{name}'", allowRuntime: true);
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

    /// <summary>Reports each id of the item's <c>contacts</c> list (at <paramref name="path"/>) that names no contact.</summary>
    public void CheckContactIds(PackSource file, SchemaBinding binding, string path, IReadOnlyList<string> ids) =>
        CheckContactIds(file, binding, path + ".contacts", binding.Subject(path), ids);

    /// <summary>Reports each of <paramref name="ids"/> (the list at <paramref name="listPath"/>) that names no contact.</summary>
    private void CheckContactIds(PackSource file, SchemaBinding binding, string listPath, string subject, IReadOnlyList<string> ids)
    {
        foreach (var (i, id) in ids.Index().Where(c => context.Contacts is not null && !context.ContactsById.ContainsKey(c.Item)))
        {
            Problems.Error(file, binding.Node(SchemaBinding.Child(listPath, i)), $"{subject} lists unknown contact '{id}'{Suggestions.DidYouMean(id, context.ContactsById.Keys)}; contacts are defined in contacts.yaml");
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
            ["contact", var id, var detail] => PackText.ContactDetail(context.ContactsById[id], detail) is null && context.Positions.ContainsKey(context.ContactsById[id]) // else it has problems, reported
                ? $"uses '{written}', but contact '{id}' has no {detail}" : null,
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

    /// <summary>A contact checked for what the schema can't say (a phone or url, a sample only on a placeholder, a unique id); null if it has problems.</summary>
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
        foreach (var (key, value) in new[] { ("role", contact.Role), ("name", contact.Name), ("notes", contact.Notes) }.Where(d => d.Item2 is not null))
        {
            CheckLength(file, binding.Node($"{path}.{key}"), value!, $"{subject}: '{key}'");
        }

        if (contact.Phone is null && contact.Url is null)
        {
            Problems.Error(file, binding.Node(path), $"{subject} needs a phone or a url (or both)");
        }

        if (contact.Phone?.Trim() is ['[', .., ']'] sample && !contact.Placeholder)
        {
            Problems.Error(file, binding.Node(path + ".phone"), $"{subject}: 'phone' '{sample}' is a sample value in [brackets], which needs 'placeholder: true'");
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

        var bound = contact with { Role = contact.Role!.Trim(), Name = contact.Name?.Trim(), Phone = contact.Phone?.Trim(), Url = contact.Url?.Trim() };
        context.ContactsById[bound.Id] = bound;
        context.Positions[bound] = idNode;
        return bound;
    }

    private sealed record PackFile(string Id, string Name, Dictionary<string, string>? Terms, PackWords? Words, List<YearGroup>? YearGroups, PackSettings? Settings);
}
