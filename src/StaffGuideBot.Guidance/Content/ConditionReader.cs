using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Where a condition is used, for messages and for the checks that depend on it.</summary>
/// <param name="Where">How messages name the condition ("showIf of step 'x'", "when of indicator 'y'").</param>
/// <param name="StepIndex">For a showIf: the index of its step; the condition may only use earlier steps' answers.</param>
/// <param name="Item">Inside anyItem: the repeat step whose item fields the condition may name directly.</param>
internal sealed record ConditionScope(string Where, int? StepIndex = null, Step? Item = null);

/// <summary>
/// Reads conditions (see "Conditions" in dialogs/README.md), whose shape common.schema.json defines, and checks what a
/// schema can't: that the questions they name exist and are asked earlier, and that tests and values fit them.
/// </summary>
internal sealed class ConditionReader(LoadContext context)
{
    private ProblemCollector Problems => context.Problems;

    /// <summary>The condition at <paramref name="path"/>; null when there is none or the schema found it wrong (reported).</summary>
    public Condition? Read(SchemaBinding binding, string path)
    {
        if (!binding.Has(path) || !binding.IsValid(path))
        {
            return null;
        }

        var condition = binding.Read<Condition>(path);
        Record(condition, path);
        return condition;

        void Record(Condition part, string at)
        {
            context.ConditionPaths[part] = (binding, at);
            IEnumerable<(Condition, string)> inner = part switch
            {
                AllCondition all => all.Conditions.Select((c, i) => (c, SchemaBinding.Child(SchemaBinding.Child(at, "all"), i))),
                AnyCondition any => any.Conditions.Select((c, i) => (c, SchemaBinding.Child(SchemaBinding.Child(at, "any"), i))),
                NotCondition not => [(not.Condition, SchemaBinding.Child(at, "not"))],
                AnswerCondition { AnyItem: { } item } => [(item, SchemaBinding.Child(at, "anyItem"))],
                _ => [],
            };
            foreach (var (condition, conditionPath) in inner)
            {
                Record(condition, conditionPath);
            }
        }
    }

    /// <summary>Checks question ids, tests and values against the flow; reports against the YAML the condition came from.</summary>
    public void Check(PackSource file, Condition condition, ConditionScope scope)
    {
        IReadOnlyList<Condition> inner = condition switch
        {
            AllCondition all => all.Conditions,
            AnyCondition any => any.Conditions,
            NotCondition not => [not.Condition],
            _ => [],
        };
        foreach (var part in inner)
        {
            Check(file, part, scope);
        }

        if (condition is AnswerCondition answer && CheckAnswer(file, answer, scope))
        {
            context.CheckedConditions.Add(answer);
        }
    }

    /// <summary>"a yesno", "an info": a question or step type with its article.</summary>
    private static string Kind(QuestionType type) => $"{FlowBinder.Article(FlowBinder.Name(type))} {FlowBinder.Name(type)}";

    private static string Kind(StepType type) => $"{FlowBinder.Article(FlowBinder.Name(type))} {FlowBinder.Name(type)}";

    /// <summary>Reports what is wrong with one test; true when nothing is (its question was found and the test and values fit it).</summary>
    private bool CheckAnswer(PackSource file, AnswerCondition condition, ConditionScope scope)
    {
        var (binding, path) = context.ConditionPaths[condition];
        var (where, name, at) = (scope.Where, condition.Answer, binding.Node(SchemaBinding.Child(path, "answer")));
        if (Resolve(file, name, at, scope) is not { } target)
        {
            return false;
        }

        if (scope.StepIndex is { } stepIndex && !target.InItemScope && target.Index >= stepIndex)
        {
            var message = target.Index == stepIndex
                ? $"{where} uses '{name}', which this step asks itself; a step can only depend on answers to earlier steps"
                : $"{where} uses '{name}', which is asked later, in step '{target.Step.Id}' (line {context.Line(target.Step, at)}); a step can only depend on answers to earlier steps";
            Problems.Error(file, at, message);
            return false;
        }

        var test = ((JObject)binding.Token(path)!).Properties().First(p => p.Name != "answer").Name;
        if (test == "anyItem")
        {
            if (target.Repeat is null)
            {
                Problems.Error(file, at, $"{where}: 'anyItem' needs a repeat step, but '{name}' is {Kind(target.Question!.Type)} question");
                return false;
            }

            Check(file, condition.AnyItem!, scope with { Item = target.Repeat });
            return true;
        }

        if (test == "answered")
        {
            return true;
        }

        if (target.Question is not { } question)
        {
            Problems.Error(file, at, $"{where}: '{name}' is a repeat step; test its items with anyItem, or one field of any item with '{name}.<field>'");
            return false;
        }

        var problem = (test, question.Type) switch
        {
            ("is" or "in", QuestionType.Choice or QuestionType.YesNo or QuestionType.Toggle) => null,
            ("contains", QuestionType.MultiChoice) => null,
            ("lessThan" or "greaterThan", QuestionType.Number) => null,
            ("lessThan" or "greaterThan", _) when target.AgeFromYearGroup => null,
            ("is" or "in", QuestionType.MultiChoice) => $"'{name}' is a multichoice question; use contains (true when the answer includes a value), not {test}",
            ("contains", QuestionType.Choice or QuestionType.YesNo or QuestionType.Toggle) => $"'{name}' is {Kind(question.Type)} question; use is or in, not contains",
            ("lessThan" or "greaterThan", _) => $"'{test}' compares numbers, but '{name}' is {Kind(question.Type)} question",
            (_, QuestionType.Number) => $"'{name}' is a number question; use lessThan or greaterThan, not {test}",
            _ => $"'{name}' is {Kind(question.Type)} question; only 'answered' can test it",
        };
        if (problem is not null)
        {
            Problems.Error(file, binding.KeyNode(SchemaBinding.Child(path, test)), $"{where}: {problem}");
            return false;
        }

        List<(string Value, string Path)> values = condition.In is { } list
            ? [.. list.Select((v, i) => (v, SchemaBinding.Child(SchemaBinding.Child(path, test), i)))]
            : (condition.Is ?? condition.Contains) is { } one ? [(one, SchemaBinding.Child(path, test))] : [];
        if (values.Count == 0)
        {
            return true; // lessThan and greaterThan
        }

        List<string> allowed = question.Type switch
        {
            QuestionType.YesNo => question.AllowUnsure ? ["yes", "no", "unsure"] : ["yes", "no"],
            QuestionType.Toggle => ["true", "false"],
            _ => [.. question.Choices.Select(c => c.Value)],
        };
        if (allowed.Count == 0)
        {
            return false; // the question's missing choices are reported already
        }

        var unknown = values.Where(v => !allowed.Contains(v.Value)).ToList();
        foreach (var (value, valuePath) in unknown)
        {
            Problems.Error(file, binding.Node(valuePath), $"{where}: '{value}' is not an answer to '{name}'{Suggestions.DidYouMean(value, allowed)}; expected one of {YamlNodes.Quote(allowed)}");
        }

        return unknown.Count == 0;
    }

    /// <summary>The question (or repeat step) a condition names; null, reported unless it is reported already, when there is none.</summary>
    private Target? Resolve(PackSource file, string name, YamlNode at, ConditionScope scope)
    {
        var flow = context.Flow!;
        var where = scope.Where;
        var repeats = flow.Steps.Where(s => s.Type == StepType.Repeat).Select(s => s.Id);
        if (scope.Item is { } item && item.Fields.FirstOrDefault(f => f.Id == name) is { } itemField)
        {
            return flow.Untyped.Contains(itemField) ? null : new Target(itemField, null, item, flow.StepsById[item.Id].Index, InItemScope: true, IsAgeWithYearGroup(item, itemField));
        }

        if (name.Split('.') is [var head, var fieldId])
        {
            flow.StepsById.TryGetValue(head, out var owner);
            var field = owner.Step?.Fields.FirstOrDefault(f => f.Id == fieldId);
            var problem = owner.Step switch
            {
                null => $"'{head}' in '{name}' {(flow.Questions.ContainsKey(head) ? "is a question, not a repeat step" : "is not a step")}{Suggestions.DidYouMean(head, repeats)}; only the fields of repeat steps can be used as <step>.<field>",
                _ when flow.Untyped.Contains(owner.Step) => string.Empty,
                { Type: not StepType.Repeat } => $"'{head}' in '{name}' is {Kind(owner.Step.Type)} step; only the fields of repeat steps can be used as <step>.<field>",
                _ when field is null => $"repeat step '{head}' has no field '{fieldId}'{Suggestions.DidYouMean(fieldId, owner.Step.Fields.Select(f => f.Id))}; expected one of {YamlNodes.Quote(owner.Step.Fields.Select(f => f.Id))}",
                _ => null,
            };
            return problem is not null ? Report(problem)
                : flow.Untyped.Contains(field!) ? null
                : new Target(field, null, owner.Step!, owner.Index, InItemScope: false, IsAgeWithYearGroup(owner.Step!, field!));
        }

        if (flow.StepsById.TryGetValue(name, out var step) && flow.Untyped.Contains(step.Step))
        {
            return null; // its unknown type is reported already
        }

        if (step.Step is { Type: StepType.Repeat })
        {
            return new Target(null, step.Step, step.Step, step.Index, InItemScope: false, AgeFromYearGroup: false);
        }

        if (flow.Questions.TryGetValue(name, out var entry))
        {
            var repeat = entry.Step.Id;
            return flow.Untyped.Contains(entry.Step) || flow.Untyped.Contains(entry.Question) ? null
                : entry.Step.Type == StepType.Repeat ? Report($"'{name}' is a field of repeat step '{repeat}'; use '{repeat}.{name}', or {{ answer: {repeat}, anyItem: {{ answer: {name}, ... }} }}")
                : new Target(entry.Question, null, entry.Step, entry.Index, InItemScope: false, AgeFromYearGroup: false);
        }

        var inItem = scope.Item is { } scoped ? $" (a field of '{scoped.Id}' or a question of the flow)" : string.Empty;
        return Report($"unknown question '{name}'{inItem}{Suggestions.DidYouMean(name, flow.Questions.Keys.Concat(repeats))}");

        // Reports a problem (none when it is empty: the step's unknown type is reported already); no target.
        Target? Report(string problem)
        {
            if (problem.Length > 0)
            {
                Problems.Error(file, at, $"{where}: {problem}");
            }

            return null;
        }
    }

    /// <summary>The field "age" of a repeat step that also has "year_group": a number, from the year group when no age is given.</summary>
    private static bool IsAgeWithYearGroup(Step repeat, Question field) =>
        field.Id == "age" && repeat.Fields.Any(f => f.Id == "year_group");

    /// <param name="Question">The question tested; null when the answer names a repeat step.</param>
    /// <param name="Repeat">The repeat step named by the answer, for answered and anyItem.</param>
    /// <param name="Step">The step that asks the question.</param>
    private sealed record Target(Question? Question, Step? Repeat, Step Step, int Index, bool InItemScope, bool AgeFromYearGroup);
}
