using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Where a condition is: how messages name it, a showIf's step (only earlier answers), an enclosing anyItem's repeat step.</summary>
internal sealed record ConditionScope(string Where, int? StepIndex = null, Step? Item = null);

/// <summary>Reads conditions (shaped by common.schema.json) and checks that the questions they name exist, are asked earlier and fit their tests.</summary>
internal sealed class ConditionReader(LoadContext context)
{
    /// <summary>Where each condition <see cref="Read"/> read is, for the checks made once the whole flow is known.</summary>
    private readonly Dictionary<Condition, (SchemaBinding Binding, string Path)> _read = new(ReferenceEqualityComparer.Instance);

    /// <summary>The condition at <paramref name="path"/>; null when there is none or the schema found it wrong (reported).</summary>
    public Condition? Read(SchemaBinding binding, string path)
    {
        if (!binding.IsValid(path))
        {
            return null;
        }

        var condition = binding.Read<Condition>(path);
        _read[condition] = (binding, path);
        return condition;
    }

    /// <summary>Checks a condition <see cref="Read"/> read against the flow.</summary>
    public void Check(PackSource file, Condition condition, ConditionScope scope) =>
        Check(file, _read[condition].Binding, _read[condition].Path, condition, scope);

    /// <summary>Checks question ids, tests and values against the flow; reports against the YAML at <paramref name="path"/>.</summary>
    public void Check(PackSource file, SchemaBinding binding, string path, Condition condition, ConditionScope scope)
    {
        foreach (var (part, at) in Parts(condition, path))
        {
            Check(file, binding, at, part, scope);
        }

        if (condition is AnswerCondition answer && CheckAnswer(file, binding, path, answer, scope))
        {
            context.CheckedConditions.Add(answer);
        }
    }

    /// <summary>What an all, any or not combines, each with its path under the combinator's <paramref name="path"/>.</summary>
    public static IEnumerable<(Condition Part, string Path)> Parts(Condition condition, string path = "#") => condition switch
    {
        AllCondition all => all.Conditions.Select((c, i) => (c, SchemaBinding.Child(SchemaBinding.Child(path, "all"), i))),
        AnyCondition any => any.Conditions.Select((c, i) => (c, SchemaBinding.Child(SchemaBinding.Child(path, "any"), i))),
        NotCondition not => [(not.Condition, SchemaBinding.Child(path, "not"))],
        _ => [],
    };

    /// <summary>The values the answer to a yesno, toggle, choice or multichoice question can have (none for a choice without choices).</summary>
    public static List<string> Answers(Question question) => question.Type switch
    {
        QuestionType.YesNo => question.AllowUnsure ? ["yes", "no", "unsure"] : ["yes", "no"],
        QuestionType.Toggle => ["true", "false"],
        _ => [.. question.Choices.Select(c => c.Value)],
    };

    /// <summary>"a yesno", "an info": a question or step type with its article.</summary>
    private static string Kind<T>(T type)
        where T : struct, Enum => FlowBinder.Name(type) is var name && name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an " + name : "a " + name;

    /// <summary>Reports what is wrong with one test; true when nothing is (its question was found and the test and values fit it).</summary>
    private bool CheckAnswer(PackSource file, SchemaBinding binding, string path, AnswerCondition condition, ConditionScope scope)
    {
        var (where, name, at) = (scope.Where, condition.Answer, binding.Node(SchemaBinding.Child(path, "answer")));
        var (step, target, why) = Find(context.Flow!, name, scope);
        if (step is not null && context.Flow!.Untyped.Contains(step))
        {
            return false; // its step could not be read (reported)
        }

        if (target is null)
        {
            context.Problems.Error(file, at, $"{where}: {why}");
            return false;
        }

        if (scope.StepIndex is { } stepIndex && !target.InItemScope && target.Index >= stepIndex)
        {
            context.Problems.Error(file, at, target.Index == stepIndex
                ? $"{where} uses '{name}', which this step asks itself; a step can only depend on answers to earlier steps"
                : $"{where} uses '{name}', which is asked later, in step '{target.Step.Id}' (line {context.Line(target.Step, at)}); a step can only depend on answers to earlier steps");
            return false;
        }

        var test = ((JObject)binding.Token(path)!).Properties().First(p => p.Name != "answer").Name;
        var (question, kind) = (target.Question, target.Question is { } q ? Kind(q.Type) : null);
        var problem = (test, question?.Type) switch
        {
            ("anyItem", { }) => $"'anyItem' needs a repeat step, but '{name}' is {kind} question",
            ("anyItem" or "answered", _) => null,
            (_, null) => $"'{name}' is a repeat step; test its items with anyItem, or one field of any item with '{name}.<field>'",
            ("is" or "in", QuestionType.Choice or QuestionType.YesNo or QuestionType.Toggle) => null,
            ("contains", QuestionType.MultiChoice) => null,
            ("lessThan" or "greaterThan", QuestionType.Number) => null,
            ("lessThan" or "greaterThan", _) when target.AgeFromYearGroup => null,
            ("is" or "in", QuestionType.MultiChoice) => $"'{name}' is a multichoice question; use contains (true when the answer includes a value), not {test}",
            ("contains", QuestionType.Choice or QuestionType.YesNo or QuestionType.Toggle) => $"'{name}' is {kind} question; use is or in, not contains",
            ("lessThan" or "greaterThan", _) => $"'{test}' compares numbers, but '{name}' is {kind} question",
            (_, QuestionType.Number) => $"'{name}' is a number question; use lessThan or greaterThan, not {test}",
            _ => $"'{name}' is {kind} question; only 'answered' can test it",
        };
        if (problem is not null)
        {
            context.Problems.Error(file, test == "anyItem" || question is null ? at : binding.KeyNode(SchemaBinding.Child(path, test)), $"{where}: {problem}");
            return false;
        }

        if (condition.AnyItem is { } anyItem)
        {
            Check(file, binding, SchemaBinding.Child(path, "anyItem"), anyItem, scope with { Item = target.Step });
        }

        List<(string Value, string Path)> values = condition.In is { } list
            ? [.. list.Select((v, i) => (v, SchemaBinding.Child(SchemaBinding.Child(path, test), i)))]
            : (condition.Is ?? condition.Contains) is { } one ? [(one, SchemaBinding.Child(path, test))] : [];
        if (values.Count == 0)
        {
            return true; // anyItem, answered, lessThan and greaterThan
        }

        var allowed = Answers(question!);
        if (allowed.Count == 0)
        {
            return false; // the question's missing choices are reported already
        }

        var unknown = values.Where(v => !allowed.Contains(v.Value)).ToList();
        foreach (var (value, valuePath) in unknown)
        {
            context.Problems.Error(file, binding.Node(valuePath), $"{where}: '{value}' is not an answer to '{name}'{Suggestions.DidYouMean(value, allowed)}; expected one of {YamlNodes.Quote(allowed)}");
        }

        return unknown.Count == 0;
    }

    /// <summary>The step <paramref name="name"/> belongs to, and what it names or (with no target) what is wrong with it.</summary>
    private static (Step? Step, Target? Target, string? Problem) Find(FlowCatalogue flow, string name, ConditionScope scope)
    {
        var repeats = flow.Steps.Where(s => s.Type == StepType.Repeat).Select(s => s.Id);
        if (scope.Item is { } item && item.Fields.FirstOrDefault(f => f.Id == name) is { } itemField)
        {
            return (item, new Target(itemField, item, flow.StepsById[item.Id].Index, InItemScope: true), null);
        }

        if (name.Split('.') is [var head, var fieldId])
        {
            var (owner, index) = flow.StepsById.GetValueOrDefault(head);
            var field = owner?.Fields.FirstOrDefault(f => f.Id == fieldId);
            var problem = owner switch
            {
                null => $"'{head}' in '{name}' {(flow.Questions.ContainsKey(head) ? "is a question, not a repeat step" : "is not a step")}{Suggestions.DidYouMean(head, repeats)}; only the fields of repeat steps can be used as <step>.<field>",
                { Type: not StepType.Repeat } => $"'{head}' in '{name}' is {Kind(owner.Type)} step; only the fields of repeat steps can be used as <step>.<field>",
                _ when field is null => $"repeat step '{head}' has no field '{fieldId}'{Suggestions.DidYouMean(fieldId, owner.Fields.Select(f => f.Id))}; expected one of {YamlNodes.Quote(owner.Fields.Select(f => f.Id))}",
                _ => null,
            };
            return (owner, problem is null ? new Target(field, owner!, index) : null, problem);
        }

        if (flow.StepsById.TryGetValue(name, out var named) && (named.Step.Type == StepType.Repeat || flow.Untyped.Contains(named.Step)))
        {
            return (named.Step, new Target(null, named.Step, named.Index), null);
        }

        if (flow.Questions.TryGetValue(name, out var entry))
        {
            var repeat = entry.Step.Id;
            return entry.Step.Type == StepType.Repeat
                ? (entry.Step, null, $"'{name}' is a field of repeat step '{repeat}'; use '{repeat}.{name}', or {{ answer: {repeat}, anyItem: {{ answer: {name}, ... }} }}")
                : (entry.Step, new Target(entry.Question, entry.Step, entry.Index), null);
        }

        var inItem = scope.Item is { } scoped ? $" (a field of '{scoped.Id}' or a question of the flow)" : string.Empty;
        return (null, null, $"unknown question '{name}'{inItem}{Suggestions.DidYouMean(name, flow.Questions.Keys.Concat(repeats))}");
    }

    /// <summary>What a condition names: a question (null for a repeat step), the step that asks it or the repeat step named, and whether it is a field of the enclosing anyItem's step named directly.</summary>
    private sealed record Target(Question? Question, Step Step, int Index, bool InItemScope = false)
    {
        /// <summary>The field "age" of a repeat step that also has "year_group": a number, from the year group when no age is given.</summary>
        public bool AgeFromYearGroup => Step.Type == StepType.Repeat && Question?.Id == "age" && Step.Fields.Any(f => f.Id == "year_group");
    }
}
