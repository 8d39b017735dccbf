using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Binds what the DSL's card shows and asks: indicators.yaml (the rules that flag a report, the cross-checks of answers,
/// the urgency and allegation rules) and decisions.yaml (the decision form); and checks what their schemas can't say:
/// unique ids, a check's step, 'possible' with 'possibleBecause', a route's contacts, a key fact's question, texts and
/// conditions.
/// </summary>
internal sealed class IndicatorBinder(LoadContext context, PackBinder text, ConditionReader conditions)
{
    public void Bind(PackSource? file)
    {
        // Each item the schema finds nothing wrong with is read and checked further, whatever is wrong with the others.
        if (SchemaBinding.CheckItems(file, context.Problems, "indicators.schema.json") is not { } binding)
        {
            return;
        }

        Bind(file!, binding, "indicators", context.Indicators, CheckIndicator);
        Bind(file!, binding, "checks", context.Checks, CheckCheck);
        Bind(file!, binding, "routes", context.Routes, CheckRoute);
        Bind(file!, binding, "keyFacts", context.KeyFacts, CheckKeyFact);
        if (binding.IsValid("#/urgent"))
        {
            context.Urgent = binding.Read<UrgentRule>("#/urgent");
            CheckCondition(file!, binding, "#/urgent", "when", context.Urgent.When, "make a report urgent");
        }

        if (binding.IsValid("#/allegation"))
        {
            context.Allegation = binding.Read<AllegationRule>("#/allegation");
            CheckCondition(file!, binding, "#/allegation", "when", context.Allegation.When, "make a report an allegation");
        }
    }

    public void BindDecisions(PackSource? file)
    {
        if (SchemaBinding.CheckItems(file, context.Problems, "decisions.schema.json") is not { } binding)
        {
            return;
        }

        Bind(file!, binding, "outcomes", context.Outcomes, (f, b, path, outcome) => CheckCondition(f, b, path, "when", outcome.When, "be offered"));
        Bind<ParentsChoice>(file!, binding, "parents", context.ParentsChoices, (_, _, _, _) => { }, "choice");
        Bind<Classification>(file!, binding, "classifications", context.Classifications, (_, _, _, _) => { });
        Bind(file!, binding, "trends", context.Trends, CheckTrend);
        if (binding.IsValid("#/record"))
        {
            context.Record = binding.Read<RecordParts>("#/record");
            foreach (var (part, ids) in new[] { ("people", context.Record.People), ("actions", context.Record.Actions) })
            {
                for (var i = 0; i < ids.Count; i++)
                {
                    if (context.Flow is { } flow && !flow.StepsById.ContainsKey(ids[i]))
                    {
                        context.Problems.Error(file!, binding.Node(SchemaBinding.Child(SchemaBinding.Child("#/record", part), i)), $"the record's '{part}' lists unknown step '{ids[i]}'{Suggestions.DidYouMean(ids[i], flow.StepsById.Keys)}; expected the id of a step in flow.yaml");
                    }
                }
            }
        }
    }

    /// <summary>Adds to <paramref name="items"/> each item of the list <paramref name="key"/> the schema found nothing wrong with, its texts and the rest checked further; reports a duplicate id.</summary>
    private void Bind<T>(PackSource file, SchemaBinding binding, string key, List<T> items, Action<PackSource, SchemaBinding, string, T> check, string? itemName = null)
        where T : class
    {
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var path in Enumerable.Range(0, binding.Count("#/" + key)).Select(i => SchemaBinding.Child("#/" + key, i)).Where(binding.IsValid))
        {
            var (item, id, idNode) = (binding.Read<T>(path), binding.Read<string>(path + ".id"), binding.Node(path + ".id"));
            foreach (var (textKey, at) in binding.Texts(path))
            {
                text.CheckText(file, (YamlScalarNode)binding.Node(at), binding.Read<string>(at), $"{binding.Subject(path)}: '{textKey}'");
            }

            check(file, binding, path, item);
            if (!seen.TryAdd(id, idNode))
            {
                context.Problems.Error(file, idNode, $"duplicate {itemName ?? key.TrimEnd('s')} id '{id}' (first at line {seen[id].Start.Line})");
                continue;
            }

            context.Positions[item] = idNode;
            items.Add(item);
        }
    }

    private void CheckIndicator(PackSource file, SchemaBinding binding, string path, Indicator indicator)
    {
        var subject = binding.Subject(path);
        CheckCondition(file, binding, path, "when", indicator.When, "flag a report");
        CheckCondition(file, binding, path, "possible", indicator.Possible, "raise a possible flag");
        if (indicator.Possible is not null && indicator.PossibleBecause is null)
        {
            context.Problems.Error(file, binding.Node(path), $"{subject} is missing 'possibleBecause'; it words a possible flag (completes \"flagged because ...\"), needed with 'possible'");
        }
        else if (indicator.Possible is null && indicator.PossibleBecause is not null)
        {
            context.Problems.Error(file, binding.KeyNode(path + ".possibleBecause"), $"{subject} has 'possibleBecause' but no 'possible', the condition that raises it as a possible flag");
        }
    }

    private void CheckCheck(PackSource file, SchemaBinding binding, string path, AnswerCheck check)
    {
        if (context.Flow is { } flow && !flow.StepsById.ContainsKey(check.Step))
        {
            context.Problems.Error(file, binding.Node(path + ".step"), $"{binding.Subject(path)}: unknown step '{check.Step}'{Suggestions.DidYouMean(check.Step, flow.StepsById.Keys)}");
        }

        CheckCondition(file, binding, path, "when", check.When, "show its note");
    }

    private void CheckRoute(PackSource file, SchemaBinding binding, string path, Route route)
    {
        text.CheckContactIds(file, binding, path, route.Contacts);
        CheckCondition(file, binding, path, "when", route.When, "apply");
    }

    /// <summary>A key fact names a question asked once (not a field of a repeat step: whose?) or a repeat step.</summary>
    private void CheckKeyFact(PackSource file, SchemaBinding binding, string path, KeyFact fact)
    {
        var ids = context.Flow is { Untyped.Count: 0 } flow // else an unreadable step (reported) may be the one named
            ? flow.Questions.Where(q => q.Value.Step.Type != StepType.Repeat).Select(q => q.Key).Concat(flow.Steps.Where(s => s.Type == StepType.Repeat).Select(s => s.Id)).ToList()
            : null;
        if (ids is not null && !ids.Contains(fact.Id, StringComparer.Ordinal))
        {
            context.Problems.Error(file, binding.Node(path + ".id"), $"{binding.Subject(path)}: unknown question or repeat step '{fact.Id}'{Suggestions.DidYouMean(fact.Id, ids)}; expected the id of a question in flow.yaml (not a field of a repeat step), or of a repeat step");
        }
    }

    /// <summary>A trend counts only choices, or the names a text answer mentions: never typed words.</summary>
    private void CheckTrend(PackSource file, SchemaBinding binding, string path, Trend trend)
    {
        if (context.Flow is not { Untyped.Count: 0 } flow)
        {
            return;
        }

        var subject = binding.Subject(path);
        if (!flow.Questions.TryGetValue(trend.Id, out var found))
        {
            context.Problems.Error(file, binding.Node(path + ".id"), $"{subject}: unknown question '{trend.Id}'{Suggestions.DidYouMean(trend.Id, flow.Questions.Keys)}");
        }
        else if (found.Question.Type is QuestionType.Text && trend.Names.Count == 0)
        {
            context.Problems.Error(file, binding.Node(path + ".id"), $"{subject}: '{trend.Id}' is typed text, so it can be counted only by the 'names' it mentions (typed words are never shown); add names, or choose a question with choices");
        }
        else if (found.Question.Type is not (QuestionType.Text or QuestionType.Choice or QuestionType.MultiChoice or QuestionType.YesNo))
        {
            context.Problems.Error(file, binding.Node(path + ".id"), $"{subject}: '{trend.Id}' has no choices to count; a trend is a question with choices, or a text question with 'names'");
        }
        else if (found.Question.Type is not QuestionType.Text && trend.Names.Count > 0)
        {
            context.Problems.Error(file, binding.KeyNode(path + ".names"), $"{subject}: 'names' is only for a text question; '{trend.Id}' is counted by its choices");
        }
    }

    /// <summary>Checks the condition under <paramref name="key"/>, if there is one, against the flow; it must be able to hold.</summary>
    private void CheckCondition(PackSource file, SchemaBinding binding, string path, string key, Condition? condition, string what)
    {
        var at = SchemaBinding.Child(path, key);
        if (condition is null || context.Flow is null)
        {
            return;
        }

        conditions.Check(file, binding, at, condition, new ConditionScope(binding.Subject(at)));
        if (context.Reachability is { } reachability && reachability.IsChecked(condition) && !reachability.CanHold(condition))
        {
            var keyNode = binding.KeyNode(at);
            context.Problems.Error(file, keyNode, $"{binding.Subject(path)} can never {what}, because its '{key}' can never be true{reachability.Explain(condition, s => context.Line(s, keyNode))}");
        }
    }
}
