using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Where a condition is used, for messages and for the checks that depend on it.</summary>
/// <param name="Where">How messages name the place ("showIf of step 'x'", "indicator 'y'").</param>
/// <param name="StepIndex">For a showIf: the index of its step; the condition may only use earlier steps' answers.</param>
/// <param name="Item">Inside anyItem: the repeat step whose item fields the condition may name directly.</param>
internal sealed record ConditionScope(string Where, int? StepIndex = null, Step? Item = null);

/// <summary>
/// Reads conditions (see "Conditions" in dialogs/README.md) in two passes: <see cref="Parse"/> checks the shape
/// while a file is bound; <see cref="Check"/> checks the question ids and values once the whole flow is known.
/// </summary>
internal sealed class ConditionReader(LoadContext context)
{
    // From the schema (common.schema.json): the keys of an answer condition (answer and its tests), and all, any and not.
    private static readonly IReadOnlyList<string> AnswerKeys = PackSchema.Keys("common.schema.json", "#/definitions/answerCondition");
    private static readonly string[] Tests = [.. AnswerKeys.Where(k => k != "answer")];
    private static readonly IReadOnlyList<string> Combinators = PackSchema.SingleKeyAlternatives("common.schema.json", "#/definitions/condition");
    private static readonly string[] Keys = [.. AnswerKeys, .. Combinators];

    /// <summary>The keys whose values are conditions (showIf, when, …), which this reader checks rather than the schema.</summary>
    public static IReadOnlySet<string> SchemaKeys { get; } = PackSchema.KeysOfDefinition("condition").ToHashSet(StringComparer.Ordinal);

    private ProblemCollector Problems => context.Problems;

    public Condition? Parse(PackSource file, YamlNode node, string where)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problems.Error(file, node, $"{where}: a condition must be a mapping such as {{ answer: question_id, is: yes }}, not {YamlNodes.Describe(node)}");
            return null;
        }

        var map = new MappingReader(file, Problems, mapping, where);
        map.CheckKeys(Keys);
        var combinators = Combinators.Where(map.Has).ToList();
        var tests = Tests.Where(map.Has).ToList();

        if (combinators.Count > 0)
        {
            var extra = combinators.Skip(1).Concat(map.Has("answer") ? ["answer"] : []).Concat(tests).FirstOrDefault();
            if (extra is not null)
            {
                Problems.Error(file, map.Key(extra)!, $"{where}: a condition has either 'answer' with one test, or one of all, any and not; this one has '{combinators[0]}' and '{extra}'");
                return null;
            }

            return combinators[0] == "not" ? ParseNot(file, map, where) : ParseList(file, map, combinators[0], where);
        }

        if (!map.Has("answer"))
        {
            Problems.Error(file, mapping, tests.Count > 0
                ? $"{where}: the condition has '{tests[0]}' but no 'answer' naming the question it tests"
                : $"{where}: the condition is empty; expected 'answer' with one test ({YamlNodes.Quote(Tests)}), or all, any or not");
            return null;
        }

        if (map.TextNode("answer", required: true) is not { } answer)
        {
            return null;
        }

        var id = answer.Text.Trim();
        if (tests.Count == 0)
        {
            Problems.Error(file, mapping, $"{where}: the condition on '{id}' has no test; expected one of {YamlNodes.Quote(Tests)}");
            return null;
        }

        if (tests.Count > 1)
        {
            Problems.Error(file, map.Key(tests[1])!, $"{where}: the condition on '{id}' has several tests ({YamlNodes.Quote(tests)}); expected exactly one");
            return null;
        }

        return ParseTest(file, map, answer.Node, id, tests[0], where);
    }

    /// <summary>Checks question ids, tests and values against the flow; reports against the YAML the condition came from.</summary>
    public void Check(PackSource file, Condition condition, ConditionScope scope)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var inner in all.Conditions)
                {
                    Check(file, inner, scope);
                }

                break;
            case AnyCondition any:
                foreach (var inner in any.Conditions)
                {
                    Check(file, inner, scope);
                }

                break;
            case NotCondition not:
                Check(file, not.Condition, scope);
                break;
            case AnswerCondition answer:
                if (CheckAnswer(file, answer, scope))
                {
                    context.CheckedConditions.Add(answer);
                }

                break;
        }
    }

    private static string TypeName(QuestionType type) => FlowBinder.Name(type);

    private static string Article(string word) => FlowBinder.Article(word);

    private static List<string> AnswerValues(Question question) => question.Type switch
    {
        QuestionType.YesNo => question.AllowUnsure ? ["yes", "no", "unsure"] : ["yes", "no"],
        QuestionType.Toggle => ["true", "false"],
        _ => question.Choices.Select(c => c.Value).ToList(),
    };

    private NotCondition? ParseNot(PackSource file, MappingReader map, string where)
    {
        if (!map.Require("not", "; expected the condition to negate"))
        {
            return null;
        }

        return Parse(file, map.Value("not")!, where) is { } inner ? new NotCondition(inner) : null;
    }

    private Condition? ParseList(PackSource file, MappingReader map, string key, string where)
    {
        if (map.Sequence(key, required: true, because: "; expected a list of conditions") is not { } list)
        {
            return null;
        }

        var conditions = list.Children.Select(c => Parse(file, c, where)).ToList();
        if (conditions.Contains(null))
        {
            return null;
        }

        return key == "all" ? new AllCondition(conditions!) : new AnyCondition(conditions!);
    }

    private AnswerCondition? ParseTest(PackSource file, MappingReader map, YamlNode answerNode, string id, string test, string where)
    {
        var testNode = map.Value(test)!;
        IReadOnlyList<(string, YamlNode)> values = [];
        AnswerCondition? condition;
        switch (test)
        {
            case "is" or "contains":
                if (map.TextNode(test) is not { } text)
                {
                    return null;
                }

                values = [(text.Text.Trim(), text.Node)];
                condition = test == "is" ? new AnswerCondition { Answer = id, Is = text.Text.Trim() } : new AnswerCondition { Answer = id, Contains = text.Text.Trim() };
                break;
            case "in":
                if (map.TextList("in", required: true, because: "; expected a list of values") is not { } list)
                {
                    return null;
                }

                values = list.Select(v => (v.Text.Trim(), (YamlNode)v.Node)).ToList();
                condition = new AnswerCondition { Answer = id, In = values.Select(v => v.Item1).ToList() };
                break;
            case "answered":
                condition = map.Bool(test) is { } answered ? new AnswerCondition { Answer = id, Answered = answered } : null;
                break;
            case "lessThan":
                condition = map.Number(test) is { } less ? new AnswerCondition { Answer = id, LessThan = less } : null;
                break;
            case "greaterThan":
                condition = map.Number(test) is { } greater ? new AnswerCondition { Answer = id, GreaterThan = greater } : null;
                break;
            default:
                condition = Parse(file, testNode, where) is { } inner ? new AnswerCondition { Answer = id, AnyItem = inner } : null;
                break;
        }

        if (condition is not null)
        {
            context.ConditionSites[condition] = new ConditionSite(map.Node)
            {
                AnswerNode = answerNode,
                Test = test,
                TestNode = testNode,
                Values = values,
            };
        }

        return condition;
    }

    /// <summary>Reports what is wrong with one test; true when nothing is (its question was found and the test and values fit it).</summary>
    private bool CheckAnswer(PackSource file, AnswerCondition condition, ConditionScope scope)
    {
        var site = context.ConditionSites[condition];
        var where = scope.Where;
        var name = condition.Answer;
        if (Resolve(file, condition, site, scope) is not { } target)
        {
            return false;
        }

        if (scope.StepIndex is { } stepIndex && !target.InItemScope && target.Index >= stepIndex)
        {
            var message = target.Index == stepIndex
                ? $"{where} uses '{name}', which this step asks itself; a step can only depend on answers to earlier steps"
                : $"{where} uses '{name}', which is asked later, in step '{target.Step.Id}' (line {context.Line(target.Step, site.AnswerNode!)}); a step can only depend on answers to earlier steps";
            Problems.Error(file, site.AnswerNode!, message);
            return false;
        }

        var test = site.Test!;
        if (test == "answered")
        {
            return true;
        }

        if (test == "anyItem")
        {
            if (target.Repeat is null)
            {
                Problems.Error(file, site.AnswerNode!, $"{where}: 'anyItem' needs a repeat step, but '{name}' is {Article(TypeName(target.Question!.Type))} {TypeName(target.Question!.Type)} question");
                return false;
            }

            Check(file, condition.AnyItem!, scope with { Item = target.Repeat });
            return true;
        }

        if (target.Question is not { } question)
        {
            Problems.Error(file, site.AnswerNode!, $"{where}: '{name}' is a repeat step; test its items with anyItem, or one field of any item with '{name}.<field>'");
            return false;
        }

        var problem = (test, question.Type) switch
        {
            ("is" or "in", QuestionType.Choice or QuestionType.YesNo or QuestionType.Toggle) => null,
            ("contains", QuestionType.MultiChoice) => null,
            ("lessThan" or "greaterThan", QuestionType.Number) => null,
            ("lessThan" or "greaterThan", _) when target.AgeFromYearGroup => null,
            ("is" or "in", QuestionType.MultiChoice) => $"'{name}' is a multichoice question; use contains (true when the answer includes a value), not {test}",
            ("contains", QuestionType.Choice or QuestionType.YesNo or QuestionType.Toggle) => $"'{name}' is {Article(TypeName(question.Type))} {TypeName(question.Type)} question; use is or in, not contains",
            ("lessThan" or "greaterThan", _) => $"'{test}' compares numbers, but '{name}' is {Article(TypeName(question.Type))} {TypeName(question.Type)} question",
            (_, QuestionType.Number) => $"'{name}' is a number question; use lessThan or greaterThan, not {test}",
            _ => $"'{name}' is {Article(TypeName(question.Type))} {TypeName(question.Type)} question; only 'answered' can test it",
        };
        if (problem is not null)
        {
            Problems.Error(file, KeyOf(site.Node, test) ?? site.Node, $"{where}: {problem}");
            return false;
        }

        if (test is "is" or "in" or "contains")
        {
            var allowed = AnswerValues(question);
            if (allowed.Count == 0)
            {
                return false; // the question's missing choices are reported already
            }

            var known = true;
            foreach (var (value, node) in site.Values)
            {
                if (!allowed.Contains(value))
                {
                    known = false;
                    Problems.Error(file, node, $"{where}: '{value}' is not an answer to '{name}'{Suggestions.DidYouMean(value, allowed)}; expected one of {YamlNodes.Quote(allowed)}");
                }
            }

            return known;
        }

        return true;
    }

    private static YamlNode? KeyOf(YamlMappingNode node, string key) =>
        node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: var v } && v == key);

    private Target? Resolve(PackSource file, AnswerCondition condition, ConditionSite site, ConditionScope scope)
    {
        var flow = context.Flow!;
        var name = condition.Answer;
        var where = scope.Where;
        var at = site.AnswerNode!;

        if (scope.Item is { } item && item.Fields.FirstOrDefault(f => f.Id == name) is { } itemField)
        {
            if (flow.Untyped.Contains(itemField))
            {
                return null; // its unknown type is reported already
            }

            return new Target(itemField, null, item, flow.StepsById[item.Id].Index, InItemScope: true, IsAgeWithYearGroup(item, itemField));
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            var parts = name.Split('.');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                Problems.Error(file, at, $"{where}: '{name}' must be a question id, or <repeat step>.<field> such as children.age");
                return null;
            }

            var (head, fieldId) = (parts[0], parts[1]);
            if (flow.StepsById.TryGetValue(head, out var untyped) && flow.Untyped.Contains(untyped.Step))
            {
                return null; // its unknown type is reported already
            }

            if (!flow.StepsById.TryGetValue(head, out var owner))
            {
                var kind = flow.Questions.ContainsKey(head) ? "is a question, not a repeat step" : "is not a step";
                var repeats = flow.Steps.Where(s => s.Type == StepType.Repeat).Select(s => s.Id);
                Problems.Error(file, at, $"{where}: '{head}' in '{name}' {kind}{Suggestions.DidYouMean(head, repeats)}; only the fields of repeat steps can be used as <step>.<field>");
                return null;
            }

            if (owner.Step.Type != StepType.Repeat)
            {
                var type = FlowBinder.Name(owner.Step.Type);
                Problems.Error(file, at, $"{where}: '{head}' in '{name}' is {FlowBinder.Article(type)} {type} step; only the fields of repeat steps can be used as <step>.<field>");
                return null;
            }

            if (owner.Step.Fields.FirstOrDefault(f => f.Id == fieldId) is not { } field)
            {
                var fields = owner.Step.Fields.Select(f => f.Id).ToList();
                Problems.Error(file, at, $"{where}: repeat step '{head}' has no field '{fieldId}'{Suggestions.DidYouMean(fieldId, fields)}; expected one of {YamlNodes.Quote(fields)}");
                return null;
            }

            if (flow.Untyped.Contains(field))
            {
                return null; // its unknown type is reported already
            }

            return new Target(field, null, owner.Step, owner.Index, InItemScope: false, IsAgeWithYearGroup(owner.Step, field));
        }

        if (flow.StepsById.TryGetValue(name, out var step) && flow.Untyped.Contains(step.Step))
        {
            return null; // its unknown type is reported already
        }

        if (flow.StepsById.TryGetValue(name, out step) && step.Step.Type == StepType.Repeat)
        {
            return new Target(null, step.Step, step.Step, step.Index, InItemScope: false, AgeFromYearGroup: false);
        }

        if (flow.Questions.TryGetValue(name, out var entry))
        {
            if (flow.Untyped.Contains(entry.Step) || flow.Untyped.Contains(entry.Question))
            {
                return null; // its (or its step's) unknown type is reported already
            }

            if (entry.Step.Type == StepType.Repeat)
            {
                var repeat = entry.Step.Id;
                Problems.Error(file, at, $"{where}: '{name}' is a field of repeat step '{repeat}'; use '{repeat}.{name}', or {{ answer: {repeat}, anyItem: {{ answer: {name}, ... }} }}");
                return null;
            }

            return new Target(entry.Question, null, entry.Step, entry.Index, InItemScope: false, AgeFromYearGroup: false);
        }

        var known = flow.Questions.Keys.Concat(flow.Steps.Where(s => s.Type == StepType.Repeat).Select(s => s.Id));
        var inItem = scope.Item is { } scoped ? $" (a field of '{scoped.Id}' or a question of the flow)" : string.Empty;
        Problems.Error(file, at, $"{where}: unknown question '{name}'{inItem}{Suggestions.DidYouMean(name, known)}");
        return null;
    }

    /// <summary>The field "age" of a repeat step that also has "year_group": a number, from the year group when no age is given.</summary>
    private static bool IsAgeWithYearGroup(Step repeat, Question field) =>
        field.Id == "age" && repeat.Fields.Any(f => f.Id == "year_group");

    /// <param name="Question">The question tested; null when the answer names a repeat step.</param>
    /// <param name="Repeat">The repeat step named by the answer, for answered and anyItem.</param>
    /// <param name="Step">The step that asks the question.</param>
    private sealed record Target(Question? Question, Step? Repeat, Step Step, int Index, bool InItemScope, bool AgeFromYearGroup);
}
