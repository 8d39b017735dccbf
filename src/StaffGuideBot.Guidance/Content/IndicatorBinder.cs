using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds indicators.yaml: the rules that flag a report to the DSL.</summary>
internal sealed class IndicatorBinder(LoadContext context, PackBinder text, ConditionReader conditions)
{
    private const string Schema = "indicators.schema.json";

    private static readonly IReadOnlyList<string> IndicatorKeys = PackSchema.Keys(Schema, "#/definitions/indicator");

    private static readonly Dictionary<string, IndicatorKind> Kinds = PackSchema.Enum(Schema, "#/definitions/indicator/properties/kind")
        .ToDictionary(k => k, k => Enum.Parse<IndicatorKind>(k, ignoreCase: true), StringComparer.Ordinal);

    private ProblemCollector Problems => context.Problems;

    public void Bind(PackSource? file)
    {
        if (text.Root(file, "with 'indicators', the list of rules") is not { } root)
        {
            return;
        }

        var map = new MappingReader(file!, Problems, root, "indicators.yaml");
        map.CheckKeys(PackSchema.Keys(Schema, "#"));
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in map.Sequence("indicators", required: true, because: "; expected the list of rules")?.Children ?? [])
        {
            index++;
            if (BindIndicator(file!, item, index) is not { } indicator)
            {
                continue;
            }

            var idNode = context.Positions[indicator];
            if (seen.TryGetValue(indicator.Id, out var first))
            {
                Problems.Error(file!, idNode, $"duplicate indicator id '{indicator.Id}' (first at line {first.Start.Line})");
                continue;
            }

            seen[indicator.Id] = idNode;
            context.Indicators.Add(indicator);
        }

        var checks = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        index = 0;
        foreach (var item in map.Sequence("checks", required: false)?.Children ?? [])
        {
            index++;
            if (BindCheck(file!, item, index) is not { } check)
            {
                continue;
            }

            var idNode = context.Positions[check];
            if (checks.TryGetValue(check.Id, out var first))
            {
                Problems.Error(file!, idNode, $"duplicate check id '{check.Id}' (first at line {first.Start.Line})");
                continue;
            }

            checks[check.Id] = idNode;
            context.Checks.Add(check);
        }
    }

    private AnswerCheck? BindCheck(PackSource file, YamlNode node, int index)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problems.Error(file, node, $"check {index} must be a mapping with id, step, note and when, not {YamlNodes.Describe(node)}");
            return null;
        }

        var map = new MappingReader(file, Problems, mapping, $"check {index}");
        var id = map.Id();
        if (id is { } known)
        {
            map.Subject = $"check '{known.Id}'";
        }

        map.CheckKeys(PackSchema.Keys(Schema, "#/definitions/check"));
        var note = text.Display(file, map, "note", required: true, because: "; expected the note that asks the reporter to check their answers");
        string? step = null;
        if (map.TextNode("step", required: true, because: "; expected the id of the step whose answers to check (its Edit button)") is { } stepText)
        {
            step = stepText.Text.Trim();
            if (context.Flow is { } flow && !flow.StepsById.ContainsKey(step))
            {
                Problems.Error(file, stepText.Node, $"{map.Subject}: unknown step '{step}'{Suggestions.DidYouMean(step, flow.StepsById.Keys)}");
                step = null;
            }
        }

        var when = map.Require("when", "; expected the condition under which the answers conflict") ? ReadCondition(file, map, "when", "show its note") : null;
        if (id is not { } checkId || note is null || step is null || when is null)
        {
            return null;
        }

        var check = new AnswerCheck { Id = checkId.Id, Note = note, Step = step, When = when };
        context.Positions[check] = checkId.Node;
        return check;
    }

    private Indicator? BindIndicator(PackSource file, YamlNode node, int index)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problems.Error(file, node, $"indicator {index} must be a mapping with id, kind, title, because and when, not {YamlNodes.Describe(node)}");
            return null;
        }

        var map = new MappingReader(file, Problems, mapping, $"indicator {index}");
        var id = map.Id();
        if (id is { } known)
        {
            map.Subject = $"indicator '{known.Id}'";
        }

        map.CheckKeys(IndicatorKeys);
        IndicatorKind? kind = null;
        if (map.TextNode("kind", required: true, because: $"; expected one of {YamlNodes.Quote(Kinds.Keys)}") is { } kindText)
        {
            if (Kinds.TryGetValue(kindText.Text.Trim(), out var parsed))
            {
                kind = parsed;
            }
            else
            {
                Problems.Error(file, kindText.Node, $"{map.Subject} has unknown kind '{kindText.Text.Trim()}'{Suggestions.DidYouMean(kindText.Text.Trim(), Kinds.Keys)}; expected one of {YamlNodes.Quote(Kinds.Keys)}");
            }
        }

        var title = text.Display(file, map, "title", required: true);
        var because = text.Display(file, map, "because", required: true);
        Condition? when = null;
        if (map.Require("when", "; expected the condition that flags a report"))
        {
            when = ReadCondition(file, map, "when", "flag a report");
        }

        Condition? possible = null;
        string? possibleBecause = null;
        if (map.Has("possible"))
        {
            possible = ReadCondition(file, map, "possible", "raise a possible flag");
            possibleBecause = text.Display(file, map, "possibleBecause", required: true, because: "; it words a possible flag (completes \"flagged because ...\"), needed with 'possible'");
            if (possible is null || possibleBecause is null)
            {
                return null;
            }
        }
        else if (map.Has("possibleBecause"))
        {
            Problems.Error(file, map.Key("possibleBecause")!, $"{map.Subject} has 'possibleBecause' but no 'possible', the condition that raises it as a possible flag");
        }

        if (id is not { } indicatorId || kind is null || title is null || because is null || when is null)
        {
            return null;
        }

        var indicator = new Indicator { Id = indicatorId.Id, Kind = kind.Value, Title = title, Because = because, When = when, Possible = possible, PossibleBecause = possibleBecause };
        context.Positions[indicator] = indicatorId.Node;
        return indicator;
    }

    /// <summary>Reads and checks the condition under <paramref name="key"/>; it must be able to hold.</summary>
    private Condition? ReadCondition(PackSource file, MappingReader map, string key, string what)
    {
        var condition = conditions.Parse(file, map.Value(key)!, map.Subject);
        if (condition is not null && context.Flow is not null)
        {
            conditions.Check(file, condition, new ConditionScope(map.Subject));
            if (context.Reachability is { } reachability && reachability.IsChecked(condition) && !reachability.CanHold(condition))
            {
                Problems.Error(file, map.Key(key)!, $"{map.Subject} can never {what}, because its '{key}' can never be true{reachability.Explain(condition, s => context.Line(s, map.Key(key)!))}");
            }
        }

        return condition;
    }
}
