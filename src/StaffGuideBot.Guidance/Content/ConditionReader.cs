using System.Globalization;
using Newtonsoft.Json.Linq;
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

    /// <summary>
    /// Reads the condition at <paramref name="path"/> of <paramref name="binding"/> (the schema leaves conditions to
    /// this reader: its messages say more than the schema's anyOf can), reporting at the YAML of each part.
    /// </summary>
    public Condition? Parse(PackSource file, SchemaBinding binding, string path, string where)
    {
        if (binding.Token(path) is not JObject mapping || binding.Node(path) is not YamlMappingNode node)
        {
            Problems.Error(file, binding.Node(path), $"{where}: a condition must be a mapping such as {{ answer: question_id, is: yes }}, not {YamlNodes.Describe(binding.Node(path))}");
            return null;
        }

        var keys = mapping.Properties().Select(p => p.Name).ToList();
        foreach (var unknown in keys.Where(k => !Keys.Contains(k)))
        {
            Problems.Error(file, binding.KeyNode(SchemaBinding.Child(path, unknown)), $"{where} has unknown key '{unknown}'{Suggestions.DidYouMean(unknown, Keys)}; expected one of {YamlNodes.Quote(Keys)}");
        }

        var combinators = Combinators.Where(keys.Contains).ToList();
        var tests = Tests.Where(keys.Contains).ToList();
        if (combinators.Count > 0)
        {
            var extra = combinators.Skip(1).Concat(keys.Contains("answer") ? ["answer"] : []).Concat(tests).FirstOrDefault();
            if (extra is not null)
            {
                Problems.Error(file, binding.KeyNode(SchemaBinding.Child(path, extra)), $"{where}: a condition has either 'answer' with one test, or one of all, any and not; this one has '{combinators[0]}' and '{extra}'");
                return null;
            }

            return combinators[0] == "not" ? ParseNot(file, binding, path, where) : ParseList(file, binding, path, combinators[0], where);
        }

        if (!keys.Contains("answer"))
        {
            Problems.Error(file, node, tests.Count > 0
                ? $"{where}: the condition has '{tests[0]}' but no 'answer' naming the question it tests"
                : $"{where}: the condition is empty; expected 'answer' with one test ({YamlNodes.Quote(Tests)}), or all, any or not");
            return null;
        }

        if (Text(file, binding, SchemaBinding.Child(path, "answer"), where) is not { } answer)
        {
            return null;
        }

        var id = answer.Text.Trim();
        if (tests.Count == 0)
        {
            Problems.Error(file, node, $"{where}: the condition on '{id}' has no test; expected one of {YamlNodes.Quote(Tests)}");
            return null;
        }

        if (tests.Count > 1)
        {
            Problems.Error(file, binding.KeyNode(SchemaBinding.Child(path, tests[1])), $"{where}: the condition on '{id}' has several tests ({YamlNodes.Quote(tests)}); expected exactly one");
            return null;
        }

        return ParseTest(file, binding, path, answer.Node, id, tests[0], where);
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

    private NotCondition? ParseNot(PackSource file, SchemaBinding binding, string path, string where)
    {
        var at = SchemaBinding.Child(path, "not");
        if (YamlNodes.IsNull(binding.Node(at)))
        {
            Problems.Error(file, binding.KeyNode(at), $"{where} has an empty 'not'; expected the condition to negate");
            return null;
        }

        return Parse(file, binding, at, where) is { } inner ? new NotCondition(inner) : null;
    }

    private Condition? ParseList(PackSource file, SchemaBinding binding, string path, string key, string where)
    {
        var at = SchemaBinding.Child(path, key);
        if (!IsList(file, binding, at, where, "; expected a list of conditions"))
        {
            return null;
        }

        var conditions = Enumerable.Range(0, binding.Count(at)).Select(i => Parse(file, binding, SchemaBinding.Child(at, i), where)).ToList();
        if (conditions.Contains(null))
        {
            return null;
        }

        return key == "all" ? new AllCondition(conditions!) : new AnyCondition(conditions!);
    }

    private AnswerCondition? ParseTest(PackSource file, SchemaBinding binding, string path, YamlNode answerNode, string id, string test, string where)
    {
        var at = SchemaBinding.Child(path, test);
        var testNode = binding.Node(at);
        IReadOnlyList<(string, YamlNode)> values = [];
        AnswerCondition? condition;
        switch (test)
        {
            case "is" or "contains":
                if (Text(file, binding, at, where) is not { } text)
                {
                    return null;
                }

                values = [(text.Text.Trim(), text.Node)];
                condition = test == "is" ? new AnswerCondition { Answer = id, Is = text.Text.Trim() } : new AnswerCondition { Answer = id, Contains = text.Text.Trim() };
                break;
            case "in":
                if (!IsList(file, binding, at, where, "; expected a list of values"))
                {
                    return null;
                }

                values = ((YamlSequenceNode)testNode).Children.Where(item => IsText(file, item, where)).Select(v => (((YamlScalarNode)v).Value!.Trim(), v)).ToList();
                condition = new AnswerCondition { Answer = id, In = values.Select(v => v.Item1).ToList() };
                break;
            case "answered":
                condition = Scalar(file, testNode, test, "true or false", where) is { } yesNo && bool.TryParse(yesNo, out var answered)
                    ? new AnswerCondition { Answer = id, Answered = answered }
                    : Wrong(testNode, test, "true or false");
                break;
            case "lessThan" or "greaterThan":
                condition = Scalar(file, testNode, test, "a number", where) is { } written && decimal.TryParse(written, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                    ? test == "lessThan" ? new AnswerCondition { Answer = id, LessThan = number } : new AnswerCondition { Answer = id, GreaterThan = number }
                    : Wrong(testNode, test, "a number");
                break;
            default:
                condition = Parse(file, binding, at, where) is { } inner ? new AnswerCondition { Answer = id, AnyItem = inner } : null;
                break;
        }

        if (condition is not null)
        {
            context.ConditionSites[condition] = new ConditionSite((YamlMappingNode)binding.Node(path))
            {
                AnswerNode = answerNode,
                Test = test,
                TestNode = testNode,
                Values = values,
            };
        }

        return condition;

        AnswerCondition? Wrong(YamlNode value, string key, string expected)
        {
            if (value is YamlScalarNode scalar && !YamlNodes.IsNull(scalar))
            {
                Problems.Error(file, value, $"{where}: '{key}' must be {expected}, not {YamlNodes.Describe(value)}");
            }

            return null;
        }
    }

    /// <summary>The text at <paramref name="at"/> (trailing white space removed); null, reported, when it is empty or not text.</summary>
    private (string Text, YamlScalarNode Node)? Text(PackSource file, SchemaBinding binding, string at, string where)
    {
        var key = Key(binding, at);
        var value = binding.Node(at);
        if (YamlNodes.IsNull(value))
        {
            Problems.Error(file, binding.KeyNode(at), $"{where} has an empty '{key}'");
            return null;
        }

        if (value is not YamlScalarNode scalar)
        {
            Problems.Error(file, value, $"{where}: '{key}' must be text, not {YamlNodes.Describe(value)}");
            return null;
        }

        var text = (scalar.Value ?? string.Empty).TrimEnd();
        if (text.Trim().Length == 0)
        {
            Problems.Error(file, scalar, $"{where} has an empty '{key}'");
            return null;
        }

        return (text, scalar);
    }

    /// <summary>Whether the value at <paramref name="at"/> is a list with items; reported when not.</summary>
    private bool IsList(PackSource file, SchemaBinding binding, string at, string where, string because)
    {
        var key = Key(binding, at);
        var value = binding.Node(at);
        var problem = value switch
        {
            _ when YamlNodes.IsNull(value) => (binding.KeyNode(at), $"{where} has an empty '{key}'{because}"),
            YamlSequenceNode { Children.Count: 0 } => (value, $"{where} has an empty '{key}'{because}"),
            YamlSequenceNode => default((YamlNode, string)?),
            _ => (value, $"{where}: '{key}' must be a list, not {YamlNodes.Describe(value)}"),
        };
        if (problem is { } found)
        {
            Problems.Error(file, found.Item1, found.Item2);
        }

        return problem is null;
    }

    private bool IsText(PackSource file, YamlNode item, string where)
    {
        if (item is YamlScalarNode scalar && !YamlNodes.IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return true;
        }

        Problems.Error(file, item, $"{where}: each item of 'in' must be text, not {YamlNodes.Describe(item)}");
        return false;
    }

    /// <summary>The text of a scalar; null, reported, when the value is no scalar or is empty.</summary>
    private string? Scalar(PackSource file, YamlNode value, string key, string expected, string where)
    {
        if (value is YamlScalarNode scalar && !YamlNodes.IsNull(scalar))
        {
            return scalar.Value;
        }

        Problems.Error(file, value, $"{where}: '{key}' must be {expected}, not {YamlNodes.Describe(value)}");
        return null;
    }

    private static string Key(SchemaBinding binding, string at) => binding.KeyNode(at) is YamlScalarNode { Value: { } key } ? key : at;

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
