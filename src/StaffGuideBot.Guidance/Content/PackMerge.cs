using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Merges the YAML of a pack's file onto the same file of the pack it extends, before binding (dialogs/README.md,
/// "Packs that extend another pack"): a mapping key by key, the child's value winning; a list of mappings with ids by
/// id, <c>{ id: x, remove: true }</c> removing an item; anything else, and a condition, replaced by the child's value.
/// The child's containers are changed in place and every node keeps its identity, so a problem found later is still
/// reported in the file and at the line the node was read from.
/// </summary>
internal sealed class PackMerge(PackSource childFile, ProblemCollector problems)
{
    /// <summary>Keys of pack.yaml that a pack never takes from the pack it extends.</summary>
    private static readonly string[] NotInherited = ["id", "name", "extends"];

    /// <summary>Keys whose value is a condition: one rule, so the child's replaces the base's whole.</summary>
    private static readonly IReadOnlyList<string> ConditionKeys = PackSchema.KeysOfDefinition("condition");

    public void Merge(YamlNode baseRoot, YamlNode childRoot, bool packFile) =>
        Merge(baseRoot, childRoot, key: null, owner: null, skip: packFile ? NotInherited : []);

    /// <summary>
    /// Rewrites texts.yaml so every text is a top-level entry keyed by its full dotted name ("menu:" with "title:"
    /// below it becomes "menu.title:"), so texts merge by name however each file writes them. Each key node is kept,
    /// so positions still point where the key was written. Reports (and drops) a text given twice and a key that is
    /// not a plain word.
    /// </summary>
    public static void FlattenTexts(PackSource file, ProblemCollector problems)
    {
        if (file.Root is not YamlMappingNode root)
        {
            return;
        }

        var entries = new List<(string Name, YamlScalarNode Key, YamlNode Value)>();
        Collect(root, prefix: string.Empty);
        root.Children.Clear();
        foreach (var (name, key, value) in entries)
        {
            key.Value = name;
            root.Children.Add(key, value);
        }

        void Collect(YamlMappingNode node, string prefix)
        {
            foreach (var (key, value) in node.Children)
            {
                if (key is not YamlScalarNode { Value: { } name } scalar)
                {
                    problems.Error(file, key, $"texts has a key that is {YamlNodes.Describe(key)}; keys must be plain words");
                }
                else if (value is YamlMappingNode nested)
                {
                    Collect(nested, prefix + name + ".");
                }
                else if (entries.Find(e => e.Name == prefix + name) is { Key: { } first })
                {
                    problems.Error(file, scalar, $"duplicate text '{prefix + name}' (first at line {first.Start.Line})");
                }
                else
                {
                    entries.Add((prefix + name, scalar, value));
                }
            }
        }
    }

    private YamlNode Merge(YamlNode baseNode, YamlNode child, string? key, string? owner, IReadOnlyCollection<string> skip)
    {
        if (key is not null && ConditionKeys.Contains(key, StringComparer.Ordinal))
        {
            return child;
        }

        if (baseNode is YamlMappingNode baseMap && child is YamlMappingNode childMap)
        {
            MergeMappings(baseMap, childMap, owner, skip);
        }
        else if (baseNode is YamlSequenceNode baseList && child is YamlSequenceNode childList && IsIdList(baseList) && IsIdList(childList))
        {
            MergeById(baseList, childList, key, owner);
        }

        return child;
    }

    /// <summary>The base's keys in the base's order (the child's value merged in where it has the key), then the child's new keys.</summary>
    private void MergeMappings(YamlMappingNode baseMap, YamlMappingNode childMap, string? owner, IReadOnlyCollection<string> skip)
    {
        var added = childMap.Children.ToList();
        var merged = new List<KeyValuePair<YamlNode, YamlNode>>();
        foreach (var (baseKey, baseValue) in baseMap.Children)
        {
            var name = (baseKey as YamlScalarNode)?.Value;
            var at = name is null ? -1 : added.FindIndex(e => (e.Key as YamlScalarNode)?.Value == name);
            if (name is not null && skip.Contains(name))
            {
                continue;
            }

            if (at < 0)
            {
                merged.Add(new(baseKey, baseValue));
                continue;
            }

            merged.Add(new(added[at].Key, Merge(baseValue, added[at].Value, name, owner, skip: [])));
            added.RemoveAt(at);
        }

        childMap.Children.Clear();
        foreach (var (key, value) in merged.Concat(added))
        {
            childMap.Children.Add(key, value);
        }
    }

    /// <summary>
    /// The base's items in the base's order, each merged with the child's item of the same id; the child's new items
    /// placed right after the item listed before them in the child's list (first when listed first); removals applied.
    /// </summary>
    private void MergeById(YamlSequenceNode baseList, YamlSequenceNode childList, string? key, string? owner)
    {
        var result = baseList.Children.ToList();
        var baseIds = result.Select(IdOf).OfType<string>().ToList();
        var where = key is null ? string.Empty : owner is null ? $" in '{key}'" : $" in '{key}' of '{owner}'";
        var listed = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        YamlNode? previous = null; // the item the next new item goes after; null: at the start

        foreach (var item in childList.Children.Cast<YamlMappingNode>())
        {
            var id = IdOf(item)!;
            var idNode = ValueOf(item, "id")!;
            var at = result.FindIndex(i => IdOf(i) == id);
            if (ValueOf(item, "remove") is { } remove)
            {
                if (!IsRemoval(item, id, remove))
                {
                    continue;
                }

                if (at < 0)
                {
                    problems.Error(childFile, idNode, $"cannot remove '{id}': the base pack has no item with that id{where}{Suggestions.DidYouMean(id, baseIds)}");
                    continue;
                }

                previous = at > 0 ? result[at - 1] : null; // a new item listed next takes the removed item's place
                result.RemoveAt(at);
            }
            else if (listed.TryGetValue(id, out var first))
            {
                problems.Error(childFile, idNode, $"duplicate id '{id}'{where} (first at line {problems.Line(first, idNode)}); list each item once");
            }
            else
            {
                listed[id] = idNode;
                if (at >= 0)
                {
                    result[at] = Merge(result[at], item, key, owner: id, skip: []);
                    previous = result[at];
                }
                else
                {
                    result.Insert(previous is null ? 0 : result.FindIndex(i => ReferenceEquals(i, previous)) + 1, item);
                    previous = item;
                }
            }
        }

        childList.Children.Clear();
        result.ForEach(childList.Children.Add);
    }

    /// <summary>True for <c>{ id: x, remove: true }</c>; reports another value of remove, or other keys beside it.</summary>
    private bool IsRemoval(YamlMappingNode item, string id, YamlNode remove)
    {
        if (remove is not YamlScalarNode { Value: "true" })
        {
            problems.Error(childFile, remove, $"'{id}': 'remove' can only be true (it removes the item with this id from the base pack), not {YamlNodes.Describe(remove)}");
            return false;
        }

        var extra = item.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode { Value: "id" or "remove" });
        if (extra is not null)
        {
            problems.Error(childFile, extra, $"'{id}' has 'remove: true', so it can't have {YamlNodes.Describe(extra)} too; to change an item, leave out 'remove'");
            return false;
        }

        return true;
    }

    /// <summary>A non-empty list whose items are all mappings with a text id.</summary>
    private static bool IsIdList(YamlSequenceNode list) =>
        list.Children.Count > 0 && list.Children.All(i => IdOf(i) is not null);

    private static string? IdOf(YamlNode item) =>
        item is YamlMappingNode map && ValueOf(map, "id") is YamlScalarNode { Value: { } id } && !string.IsNullOrWhiteSpace(id)
            ? id.Trim()
            : null;

    private static YamlNode? ValueOf(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: { } k } && k == key).Value;
}
