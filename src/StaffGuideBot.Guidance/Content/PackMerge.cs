using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Merges a pack's file onto the same file of the pack it extends (dialogs/README.md): mappings key by key, lists of
/// items by id (<c>{ id: x, remove: true }</c> removes one), anything else and a condition replaced by the child's value.
/// The child's containers change in place and every node keeps its identity, so problems point where it was read.
/// </summary>
internal sealed class PackMerge(PackSource childFile, ProblemCollector problems)
{
    private static readonly IReadOnlyList<string> NotInherited = PackSchema.NotInherited();

    /// <summary>Keys whose value is a condition: one rule, so the child's replaces the base's whole.</summary>
    private static readonly IReadOnlyList<string> ConditionKeys = PackSchema.KeysOfDefinition("condition");

    /// <summary>Merges <paramref name="childRoot"/> onto <paramref name="baseRoot"/>; pack.yaml's <c>id</c>, <c>name</c> and <c>extends</c> are never inherited.</summary>
    public void Merge(YamlNode baseRoot, YamlNode childRoot, bool packFile) =>
        Merge(packFile && baseRoot is YamlMappingNode map ? new YamlMappingNode(map.Children.Where(e => !IsKey(e.Key, NotInherited))) : baseRoot, childRoot, key: null, owner: null);

    /// <summary>
    /// Rewrites texts.yaml so every text is a top-level entry keyed by its dotted name ("menu:" with "title:" below it
    /// becomes "menu.title:", keeping the key node), so texts merge by name; a text given twice is reported and dropped.
    /// </summary>
    public static void FlattenTexts(PackSource? file, ProblemCollector problems)
    {
        if (file?.Root is not YamlMappingNode root)
        {
            return;
        }

        var entries = new OrderedDictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
        Collect(root, prefix: string.Empty);
        root.Children.Clear();
        foreach (var (name, (key, value)) in entries)
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
                else if (!entries.TryAdd(prefix + name, (scalar, value)))
                {
                    problems.Error(file, scalar, $"duplicate text '{prefix + name}' (first at line {entries[prefix + name].Key.Start.Line})");
                }
            }
        }
    }

    private YamlNode Merge(YamlNode baseNode, YamlNode child, string? key, string? owner)
    {
        var condition = key is not null && ConditionKeys.Contains(key, StringComparer.Ordinal);
        if (!condition && baseNode is YamlMappingNode baseMap && child is YamlMappingNode childMap)
        {
            MergeMappings(baseMap, childMap, owner);
        }
        else if (!condition && baseNode is YamlSequenceNode baseList && child is YamlSequenceNode childList && IsIdList(baseList) && IsIdList(childList))
        {
            MergeById(baseList, childList, key, owner);
        }

        return child;
    }

    /// <summary>The base's keys in the base's order (the child's value merged in where it has the key), then the child's new keys.</summary>
    private void MergeMappings(YamlMappingNode baseMap, YamlMappingNode childMap, string? owner)
    {
        var own = childMap.Children.ToList();
        childMap.Children.Clear();
        foreach (var (key, value) in baseMap.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            var (childKey, childValue) = own.Find(e => name is not null && IsKey(e.Key, name));
            childMap.Children.Add(childKey ?? key, childKey is null ? value : Merge(value, childValue, name, owner));
        }

        own.Where(e => !childMap.Children.ContainsKey(e.Key)).ToList().ForEach(childMap.Children.Add);
    }

    /// <summary>The base's items, each merged with the child's item of the same id, removals applied; a new item goes after the one listed before it.</summary>
    private void MergeById(YamlSequenceNode baseList, YamlSequenceNode childList, string? key, string? owner)
    {
        var result = baseList.Children.ToList();
        var where = key is null ? string.Empty : owner is null ? $" in '{key}'" : $" in '{key}' of '{owner}'";
        var listed = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var next = 0; // where a new item goes: after the item listed before it, or in the place of one removed before it

        foreach (var item in childList.Children.Cast<YamlMappingNode>())
        {
            var id = IdOf(item)!;
            var idNode = ValueOf(item, "id")!;
            var at = result.FindIndex(i => IdOf(i) == id);
            var remove = ValueOf(item, "remove");
            if (remove is not null && !IsRemoval(item, id, remove))
            {
                continue;
            }

            if (remove is not null && at < 0)
            {
                problems.Error(childFile, idNode, $"cannot remove '{id}': the base pack has no item with that id{where}{Suggestions.DidYouMean(id, baseList.Children.Select(IdOf).OfType<string>())}");
            }
            else if (remove is not null)
            {
                result.RemoveAt(at);
                next = at;
            }
            else if (!listed.TryAdd(id, idNode))
            {
                problems.Error(childFile, idNode, $"duplicate id '{id}'{where} (first at line {problems.Line(listed[id], idNode)}); list each item once");
            }
            else if (at >= 0)
            {
                result[at] = Merge(result[at], item, key, owner: id);
                next = at + 1;
            }
            else
            {
                result.Insert(next++, item);
            }
        }

        childList.Children.Clear();
        result.ForEach(childList.Children.Add);
    }

    /// <summary>True for <c>{ id: x, remove: true }</c>; reports another value of remove, or other keys beside it.</summary>
    private bool IsRemoval(YamlMappingNode item, string id, YamlNode remove)
    {
        var extra = item.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode { Value: "id" or "remove" });
        if (remove is not YamlScalarNode { Value: "true" })
        {
            problems.Error(childFile, remove, $"'{id}': 'remove' can only be true (it removes the item with this id from the base pack), not {YamlNodes.Describe(remove)}");
        }
        else if (extra is not null)
        {
            problems.Error(childFile, extra, $"'{id}' has 'remove: true', so it can't have {YamlNodes.Describe(extra)} too; to change an item, leave out 'remove'");
        }

        return remove is YamlScalarNode { Value: "true" } && extra is null;
    }

    private static bool IsIdList(YamlSequenceNode list) =>
        list.Children.Count > 0 && list.Children.All(i => IdOf(i) is not null);

    private static string? IdOf(YamlNode item) =>
        item is YamlMappingNode map && ValueOf(map, "id") is YamlScalarNode { Value: { } id } && !string.IsNullOrWhiteSpace(id)
            ? id.Trim()
            : null;

    private static YamlNode? ValueOf(YamlMappingNode map, string key) => map.Children.FirstOrDefault(e => IsKey(e.Key, key)).Value;

    private static bool IsKey(YamlNode node, params IEnumerable<string> names) => node is YamlScalarNode { Value: { } name } && names.Contains(name, StringComparer.Ordinal);
}
