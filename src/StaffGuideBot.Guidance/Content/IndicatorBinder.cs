using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Binds indicators.yaml, the rules that flag a report to the DSL and the cross-checks of answers: checked against
/// indicators.schema.json and read by System.Text.Json (see <see cref="SchemaBinding"/>). What the schema can't say is
/// checked here: each rule ends up (once merged onto a pack it extends) with what it needs, ids are unique, a check's
/// step exists, 'possible' and 'possibleBecause' come together, and the conditions name answers of the flow and can hold.
/// </summary>
internal sealed class IndicatorBinder(LoadContext context, PackBinder text, ConditionReader conditions)
{
    private ProblemCollector Problems => context.Problems;

    public void Bind(PackSource? file)
    {
        // Each rule the schema finds nothing wrong with is read and checked further, whatever is wrong with the others.
        if (SchemaBinding.CheckItems(file, Problems, "indicators.schema.json") is not { } binding)
        {
            return;
        }

        Bind<IndicatorItem, Indicator>("indicators", (item, path) => BindIndicator(file!, binding, path, item), context.Indicators);
        Bind<CheckItem, AnswerCheck>("checks", (item, path) => BindCheck(file!, binding, path, item), context.Checks);
        if (binding.Has("#/urgent") && binding.IsValid("#/urgent"))
        {
            var when = binding.Has("#/urgent.when") ? ReadCondition(file!, binding, "#/urgent", "the urgency rule", "when", "make a report urgent") : null;
            context.Urgent = new UrgentRule { Kinds = binding.Read<UrgentItem>("#/urgent").Kinds, When = when };
        }

        void Bind<TItem, TModel>(string key, Func<TItem, string, (string Id, TModel? Model)> bind, List<TModel> into)
            where TModel : class
        {
            var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            for (var index = 0; index < binding.Count("#/" + key); index++)
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"#/{key}[{index}]");
                if (!binding.IsValid(path))
                {
                    continue;
                }

                var (id, model) = bind(binding.Read<TItem>(path), path);
                var idNode = binding.Node(path + ".id");
                if (seen.TryGetValue(id, out var first))
                {
                    Problems.Error(file!, idNode, $"duplicate {(key == "checks" ? "check" : "indicator")} id '{id}' (first at line {first.Start.Line})");
                    continue;
                }

                seen[id] = idNode;
                if (model is not null)
                {
                    into.Add(model);
                }
            }
        }
    }

    private (string, Indicator?) BindIndicator(PackSource file, SchemaBinding binding, string path, IndicatorItem item)
    {
        var subject = $"indicator '{item.Id}'";
        var node = binding.Node(path);
        var kinds = PackSchema.Enum("indicators.schema.json", "#/definitions/indicator/properties/kind");
        var ok = Require(file, node, subject, item.Kind, "kind", $"; expected one of {YamlNodes.Quote(kinds)}");
        ok &= Text(file, binding, path, subject, item.Title, "title") & Text(file, binding, path, subject, item.Because, "because");
        var when = Require(file, node, subject, binding.Has(path + ".when") ? "when" : null, "when", "; expected the condition that flags a report")
            ? ReadCondition(file, binding, path, subject, "when", "flag a report")
            : null;
        Condition? possible = null;
        if (binding.Has(path + ".possible"))
        {
            possible = ReadCondition(file, binding, path, subject, "possible", "raise a possible flag");
            ok &= Require(file, node, subject, item.PossibleBecause, "possibleBecause", "; it words a possible flag (completes \"flagged because ...\"), needed with 'possible'")
                && Text(file, binding, path, subject, item.PossibleBecause, "possibleBecause") && possible is not null;
        }
        else if (item.PossibleBecause is not null)
        {
            Problems.Error(file, binding.KeyNode(path + ".possibleBecause"), $"{subject} has 'possibleBecause' but no 'possible', the condition that raises it as a possible flag");
        }

        if (!ok || when is null)
        {
            return (item.Id, null);
        }

        var indicator = new Indicator { Id = item.Id, Kind = item.Kind!.Value, Title = item.Title!, Because = item.Because!, When = when, Possible = possible, PossibleBecause = item.PossibleBecause };
        context.Positions[indicator] = binding.Node(path + ".id");
        return (item.Id, indicator);
    }

    private (string, AnswerCheck?) BindCheck(PackSource file, SchemaBinding binding, string path, CheckItem item)
    {
        var subject = $"check '{item.Id}'";
        var node = binding.Node(path);
        var ok = Require(file, node, subject, item.Note, "note", "; expected the note that asks the reporter to check their answers")
            && Text(file, binding, path, subject, item.Note, "note");
        if (Require(file, node, subject, item.Step, "step", "; expected the id of the step whose answers to check (its Edit button)")
            && context.Flow is { } flow && !flow.StepsById.ContainsKey(item.Step!))
        {
            Problems.Error(file, binding.Node(path + ".step"), $"{subject}: unknown step '{item.Step}'{Suggestions.DidYouMean(item.Step!, flow.StepsById.Keys)}");
            ok = false;
        }

        var when = Require(file, node, subject, binding.Has(path + ".when") ? "when" : null, "when", "; expected the condition under which the answers conflict")
            ? ReadCondition(file, binding, path, subject, "when", "show its note")
            : null;
        if (!ok || item.Step is null || when is null)
        {
            return (item.Id, null);
        }

        var check = new AnswerCheck { Id = item.Id, Note = item.Note!, Step = item.Step, When = when };
        context.Positions[check] = binding.Node(path + ".id");
        return (item.Id, check);
    }

    /// <summary>Reports a key a whole rule needs that it (once merged onto the pack it extends) lacks.</summary>
    private bool Require(PackSource file, YamlNode node, string subject, object? value, string key, string because)
    {
        if (value is null)
        {
            Problems.Error(file, node, $"{subject} is missing '{key}'{because}");
        }

        return value is not null;
    }

    /// <summary>Reports a missing text, and checks the placeholders and length of one that is there.</summary>
    private bool Text(PackSource file, SchemaBinding binding, string path, string subject, string? value, string key)
    {
        if (value is null)
        {
            return Require(file, binding.Node(path), subject, value, key, string.Empty);
        }

        text.CheckText(file, (YamlScalarNode)binding.Node($"{path}.{key}"), value, $"{subject}: '{key}'");
        return true;
    }

    /// <summary>Reads and checks the condition under <paramref name="key"/>; it must be able to hold.</summary>
    private Condition? ReadCondition(PackSource file, SchemaBinding binding, string path, string subject, string key, string what)
    {
        var keyNode = binding.KeyNode($"{path}.{key}");
        var condition = conditions.Read(binding, $"{path}.{key}");
        if (condition is not null && context.Flow is not null)
        {
            conditions.Check(file, condition, new ConditionScope(binding.Subject($"{path}.{key}")));
            if (context.Reachability is { } reachability && reachability.IsChecked(condition) && !reachability.CanHold(condition))
            {
                Problems.Error(file, keyNode, $"{subject} can never {what}, because its '{key}' can never be true{reachability.Explain(condition, s => context.Line(s, keyNode))}");
            }
        }

        return condition;
    }

    /// <summary>A rule of indicators.yaml as its schema describes it; its conditions are read by <see cref="ConditionReader"/>.</summary>
    private sealed record IndicatorItem(string Id, IndicatorKind? Kind, string? Title, string? Because, string? PossibleBecause);

    private sealed record CheckItem(string Id, string? Step, string? Note);

    private sealed record UrgentItem(List<IndicatorKind> Kinds);
}
