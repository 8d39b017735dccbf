using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds flow.yaml: steps, questions and showIf conditions, then checks the flow as a whole.</summary>
internal sealed class FlowBinder(LoadContext context, PackBinder text, ConditionReader conditions)
{
    private const string Schema = "flow.schema.json";

    /// <summary>Each step type and its keys, from the schema's step alternatives.</summary>
    private static readonly IReadOnlyList<(string Type, IReadOnlyList<string> Keys)> StepShapes = PackSchema.Types(Schema, "#/definitions/step");

    /// <summary>Each question type and its keys, from the schema's question alternatives.</summary>
    private static readonly IReadOnlyList<(string Type, IReadOnlyList<string> Keys)> QuestionShapes = PackSchema.Types(Schema, "#/definitions/question");

    private static readonly Dictionary<string, StepType> StepTypes =
        StepShapes.ToDictionary(s => s.Type, s => Enum.Parse<StepType>(s.Type, ignoreCase: true), StringComparer.Ordinal);

    private static readonly Dictionary<string, QuestionType> QuestionTypes =
        QuestionShapes.ToDictionary(s => s.Type, s => Enum.Parse<QuestionType>(s.Type, ignoreCase: true), StringComparer.Ordinal);

    private static readonly IReadOnlyList<string> ChoiceKeys = PackSchema.Keys(Schema, "#/definitions/choice");

    private static readonly IReadOnlyList<string> Styles = PackSchema.Enum(Schema, "#/definitions/infoStep/properties/style");

    private static readonly int DefaultMax = new Step { Id = "default", Type = StepType.Repeat }.Max;

    /// <summary>A step with an unknown type may have been meant as the review step: then "no review step" is not reported.</summary>
    private bool _unknownStepType;

    /// <summary>The showIf key of each step that has a condition, for "never shown".</summary>
    private readonly Dictionary<Step, YamlNode> _showIfKeys = new(ReferenceEqualityComparer.Instance);

    private ProblemCollector Problems => context.Problems;

    public static string Name(StepType type) => StepTypes.First(t => t.Value == type).Key;

    public static string Name(QuestionType type) => QuestionTypes.First(t => t.Value == type).Key;

    public void Bind(PackSource? file)
    {
        if (text.Root(file, "with 'steps', the list of steps") is not { } root)
        {
            return;
        }

        var map = new MappingReader(file!, Problems, root, "flow.yaml");
        map.CheckKeys(PackSchema.Keys(Schema, "#"));
        if (map.Sequence("steps", required: true, because: "; expected the list of steps") is not { } steps)
        {
            return; // no flow: conditions in indicators.yaml are not checked against it
        }

        var flow = new FlowCatalogue();
        context.Flow = flow;

        var index = 0;
        foreach (var item in steps.Children)
        {
            index++;
            if (BindStep(file!, item, index) is { } step)
            {
                Register(file!, flow, step);
            }
        }

        CheckReview(file!, flow, steps);
        foreach (var (step, i) in flow.Steps.Select((s, i) => (s, i)))
        {
            if (step.ShowIf is not null)
            {
                conditions.Check(file!, step.ShowIf, new ConditionScope($"showIf of step '{step.Id}'", StepIndex: i));
            }
        }

        CheckYearGroupChoices(file!, flow);
        CheckReachable(file!, flow);
    }

    public static string Article(string word) => word[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    private Step? BindStep(PackSource file, YamlNode node, int index)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problems.Error(file, node, $"step {index} must be a mapping with id and type, not {YamlNodes.Describe(node)}");
            return null;
        }

        var map = new MappingReader(file, Problems, mapping, $"step {index}");
        var id = map.Id();
        if (id is { } known)
        {
            map.Subject = $"step '{known.Id}'";
        }

        StepType? type = null;
        if (map.TextNode("type", required: true, because: $"; expected one of {YamlNodes.Quote(StepTypes.Keys)}") is { } typeText)
        {
            if (StepTypes.TryGetValue(typeText.Text.Trim(), out var parsed))
            {
                type = parsed;
            }
            else
            {
                _unknownStepType = true;
                Problems.Error(file, typeText.Node, $"{map.Subject} has unknown type '{typeText.Text.Trim()}'{Suggestions.DidYouMean(typeText.Text.Trim(), StepTypes.Keys)}; expected one of {YamlNodes.Quote(StepTypes.Keys)}");
            }
        }

        var allowed = type is { } t
            ? StepShapes.First(s => s.Type == Name(t)).Keys
            : StepShapes.SelectMany(s => s.Keys).Distinct().ToList();
        map.CheckKeys(allowed, key => Misplaced(map.Subject, type, key));
        bool Uses(string key) => allowed.Contains(key);
        bool Is(StepType stepType) => type == stepType;
        string Needs(StepType stepType, string what) => $"; {Article(Name(stepType))} {Name(stepType)} step needs {what}";

        var title = text.Display(file, map, "title");
        var body = Uses("text") ? text.Display(file, map, "text", Is(StepType.Info), Needs(StepType.Info, "text")) : null;
        var more = Uses("more") ? text.Display(file, map, "more") : null;
        var style = Uses("style") ? map.TextNode("style") : null;
        if (style is { } s && !Styles.Contains(s.Text.Trim()))
        {
            Problems.Error(file, s.Node, $"{map.Subject} has unknown style '{s.Text.Trim()}'; expected {YamlNodes.Quote(Styles)} (or no style)");
        }

        var continueLabel = Uses("continue") ? text.Display(file, map, "continue") : null;
        var contacts = Uses("contacts") ? BindContactList(file, map) : [];
        var points = new List<string>();
        foreach (var (point, pointNode) in (Uses("points") ? map.TextList("points") : null) ?? [])
        {
            text.CheckText(file, pointNode, point, $"{map.Subject}: 'points'");
            points.Add(point);
        }

        var confirm = Uses("confirm") ? text.Display(file, map, "confirm", Is(StepType.Acknowledge), Needs(StepType.Acknowledge, "the label of the button that must be pressed to go on")) : null;
        var question = Uses("question") && map.Mapping("question", Is(StepType.Question), Needs(StepType.Question, "its question")) is { } questionNode
            ? BindQuestion(file, questionNode, $"the question of {map.Subject}")
            : null;
        var fields = new List<Question>();
        var fieldList = Uses("fields")
            ? map.Sequence("fields", Is(StepType.Form) || Is(StepType.Repeat), type is { } ft ? Needs(ft, "fields") : null)
            : null;
        var fieldIndex = 0;
        foreach (var fieldNode in fieldList?.Children ?? [])
        {
            fieldIndex++;
            if (BindQuestion(file, fieldNode, $"field {fieldIndex} of {map.Subject}") is { } field)
            {
                fields.Add(field);
            }
        }

        var intro = Uses("intro") ? text.Display(file, map, "intro") : null;
        var submit = Uses("submit") ? text.Display(file, map, "submit") : null;
        var itemName = Uses("itemName") ? text.Display(file, map, "itemName") : null;
        var addAnother = Uses("addAnother")
            ? text.Display(file, map, "addAnother", Is(StepType.Repeat), Needs(StepType.Repeat, "the question asked after each item, e.g. \"Is another child involved?\""))
            : null;
        var max = Uses("max") ? map.Int("max", min: 1) : null;

        Condition? showIf = null;
        if (Uses("showIf") && map.Has("showIf") && map.Require("showIf", "; expected a condition"))
        {
            showIf = conditions.Parse(file, map.Value("showIf")!, $"showIf of {map.Subject}");
        }

        // A step with a missing or broken id (reported) still registers its questions, under a name no condition uses.
        var step = new Step
        {
            Id = id?.Id ?? $"(step {index})",
            Type = type ?? StepType.Info,
            Title = title,
            Text = body,
            More = more,
            Contacts = contacts,
            Style = style?.Text.Trim(),
            Continue = continueLabel,
            Points = points,
            Confirm = confirm,
            Question = question,
            Fields = fields,
            Intro = intro,
            Submit = submit,
            ItemName = itemName,
            AddAnother = addAnother,
            Max = max ?? DefaultMax,
            ShowIf = showIf,
        };
        context.Positions[step] = id?.Node ?? (YamlNode)mapping;
        if (showIf is not null)
        {
            _showIfKeys[step] = map.Key("showIf")!;
        }

        if (type is null)
        {
            context.Flow!.Untyped.Add(step);
        }

        return step;
    }

    private static string? Misplaced(string subject, StepType? type, string key)
    {
        if (type is not { } stepType)
        {
            return null;
        }

        if (key == "showIf" && stepType == StepType.Review)
        {
            return $"{subject}: the review step can't have showIf; it is always shown";
        }

        var users = StepShapes.Where(s => s.Keys.Contains(key)).Select(s => s.Type).ToList();
        return users.Count == 0
            ? null
            : $"{subject} has key '{key}', which {Name(stepType)} steps don't use; it is for {string.Join(" and ", users)} steps";
    }

    private List<string> BindContactList(PackSource file, MappingReader map)
    {
        var result = new List<string>();
        foreach (var (contactText, node) in map.TextList("contacts") ?? [])
        {
            var id = contactText.Trim();
            if (context.Contacts is not null && !context.ContactsById.ContainsKey(id))
            {
                Problems.Error(file, node, $"{map.Subject} lists unknown contact '{id}'{Suggestions.DidYouMean(id, context.ContactsById.Keys)}; contacts are defined in contacts.yaml");
            }

            result.Add(id);
        }

        return result;
    }

    private Question? BindQuestion(PackSource file, YamlNode node, string fallback)
    {
        if (node is not YamlMappingNode mapping)
        {
            Problems.Error(file, node, $"{fallback} must be a mapping with id, type and label, not {YamlNodes.Describe(node)}");
            return null;
        }

        var map = new MappingReader(file, Problems, mapping, fallback);
        var id = map.Id();
        if (id is { } known)
        {
            map.Subject = $"question '{known.Id}'";
        }

        QuestionType? type = null;
        if (map.TextNode("type", required: true, because: $"; expected one of {YamlNodes.Quote(QuestionTypes.Keys)}") is { } typeText)
        {
            if (QuestionTypes.TryGetValue(typeText.Text.Trim(), out var parsed))
            {
                type = parsed;
            }
            else
            {
                Problems.Error(file, typeText.Node, $"{map.Subject} has unknown type '{typeText.Text.Trim()}'{Suggestions.DidYouMean(typeText.Text.Trim(), QuestionTypes.Keys)}; expected one of {YamlNodes.Quote(QuestionTypes.Keys)}");
            }
        }

        var allowed = type is { } questionType
            ? QuestionShapes.First(s => s.Type == Name(questionType)).Keys
            : QuestionShapes.SelectMany(s => s.Keys).Distinct().ToList();
        map.CheckKeys(allowed, key => QuestionShapes.Where(s => s.Keys.Contains(key)).Select(s => s.Type).ToList() is { Count: > 0 } types && type is { } qt
            ? $"{map.Subject} has key '{key}', which {Name(qt)} questions don't use; it is for {string.Join(" and ", types)} questions"
            : null);
        bool Uses(string key) => allowed.Contains(key);

        var label = text.Display(file, map, "label", required: true);
        var required = map.Bool("required");
        var placeholder = text.Display(file, map, "placeholder");
        var verbatim = Uses("verbatim") ? map.Bool("verbatim") : null;
        var maxLength = Uses("maxLength") ? map.Int("maxLength", min: 1) : null;
        var min = Uses("min") ? map.Number("min") : null;
        var max = Uses("max") ? map.Number("max") : null;
        if (min > max)
        {
            Problems.Error(file, map.Value("min")!, $"{map.Subject} has min {YamlNodes.Number(min.Value)} greater than max {YamlNodes.Number(max!.Value)}");
        }

        var allowUnsure = Uses("allowUnsure") ? map.Bool("allowUnsure") : null;
        var isChoice = type is QuestionType.Choice or QuestionType.MultiChoice;
        var choices = Uses("choices")
            ? BindChoices(file, map, isChoice, $"; {Article(Name(type ?? QuestionType.Choice))} {Name(type ?? QuestionType.Choice)} question needs choices")
            : [];

        if (id is not { } questionId)
        {
            return null;
        }

        var question = new Question
        {
            Id = questionId.Id,
            Type = type ?? QuestionType.Text,
            Label = label ?? string.Empty,
            Required = required ?? false,
            Verbatim = verbatim ?? false,
            Placeholder = placeholder,
            MaxLength = maxLength,
            Min = min,
            Max = max,
            AllowUnsure = allowUnsure ?? true,
            Choices = choices,
        };
        context.Positions[question] = questionId.Node;
        if (type is null)
        {
            context.Flow!.Untyped.Add(question);
        }

        return question;
    }

    private List<ChoiceOption> BindChoices(PackSource file, MappingReader question, bool required, string because)
    {
        var result = new List<ChoiceOption>();
        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in question.Sequence("choices", required, because)?.Children ?? [])
        {
            index++;
            if (item is not YamlMappingNode node)
            {
                Problems.Error(file, item, $"choice {index} of {question.Subject} must be a mapping such as {{ value: photo, title: Photo }}, not {YamlNodes.Describe(item)}");
                continue;
            }

            var map = new MappingReader(file, Problems, node, $"choice {index} of {question.Subject}");
            var value = map.TextNode("value", required: true);
            if (value is { } v)
            {
                map.Subject = $"choice '{v.Text.Trim()}' of {question.Subject}";
            }

            map.CheckKeys(ChoiceKeys);
            var title = text.Display(file, map, "title", required: true);
            var synonyms = map.TextList("synonyms")?.Select(s => s.Text.Trim()).ToList() ?? [];
            if (value is not { } choiceValue || title is null)
            {
                continue;
            }

            var valueText = choiceValue.Text.Trim();
            if (seen.TryGetValue(valueText, out var first))
            {
                Problems.Error(file, choiceValue.Node, $"{question.Subject} has choice value '{valueText}' twice (first at line {first.Start.Line})");
                continue;
            }

            seen[valueText] = choiceValue.Node;
            var choice = new ChoiceOption { Value = valueText, Title = title, Synonyms = synonyms };
            context.Positions[choice] = choiceValue.Node;
            result.Add(choice);
        }

        return result;
    }

    private void Register(PackSource file, FlowCatalogue flow, Step step)
    {
        var index = flow.Steps.Count;
        if (flow.StepsById.TryGetValue(step.Id, out var first))
        {
            Problems.Error(file, context.Positions[step], $"duplicate step id '{step.Id}' (first at line {context.Line(first.Step, context.Positions[step])})");
        }
        else
        {
            flow.StepsById[step.Id] = (step, index);
        }

        flow.Steps.Add(step);
        foreach (var question in step.Questions)
        {
            if (flow.Questions.TryGetValue(question.Id, out var earlier))
            {
                Problems.Error(file, context.Positions[question], $"duplicate question id '{question.Id}' (first at line {context.Line(earlier.Question, context.Positions[question])}, in step '{earlier.Step.Id}'); question ids must be unique in the pack, including the fields of repeat steps");
                continue;
            }

            if (flow.StepsById.TryGetValue(question.Id, out var repeat) && repeat.Step.Type == StepType.Repeat)
            {
                Problems.Error(file, context.Positions[question], $"question '{question.Id}' has the id of repeat step '{repeat.Step.Id}' (line {context.Line(repeat.Step, context.Positions[question])}); conditions could not tell them apart");
                continue;
            }

            flow.Questions[question.Id] = (question, step, index);
        }

        if (step.Type == StepType.Repeat && flow.Questions.TryGetValue(step.Id, out var same) && same.Step != step)
        {
            Problems.Error(file, context.Positions[step], $"repeat step '{step.Id}' has the id of question '{step.Id}' (line {context.Line(same.Question, context.Positions[step])}); conditions could not tell them apart");
        }
    }

    private void CheckReview(PackSource file, FlowCatalogue flow, YamlSequenceNode steps)
    {
        var reviews = flow.Steps.Where(s => s.Type == StepType.Review).ToList();
        if (reviews.Count == 0)
        {
            if (!_unknownStepType)
            {
                Problems.Error(file, steps, "the flow has no review step; expected exactly one review step, as the last step");
            }

            return;
        }

        foreach (var extra in reviews.Skip(1))
        {
            Problems.Error(file, context.Positions[extra], $"step '{extra.Id}' is a second review step (the first is '{reviews[0].Id}' at line {context.Line(reviews[0], context.Positions[extra])}); a flow has exactly one review step, as the last step");
        }

        if (flow.Steps[^1] != reviews[0] && reviews.Count == 1)
        {
            var after = flow.Steps[flow.Steps.IndexOf(reviews[0]) + 1];
            Problems.Error(file, context.Positions[reviews[0]], $"review step '{reviews[0].Id}' must be the last step, but step '{after.Id}' comes after it");
        }
    }

    /// <summary>
    /// A step whose showIf no answers can make true, given the showIf of the steps it depends on. Only conditions
    /// the loader accepted are checked; the others are reported already.
    /// </summary>
    private void CheckReachable(PackSource file, FlowCatalogue flow)
    {
        var reachability = new FlowReachability(flow, context.CheckedConditions);
        context.Reachability = reachability;
        foreach (var step in flow.Steps)
        {
            if (step.ShowIf is { } showIf && reachability.IsChecked(showIf) && reachability.IsNeverShown(step))
            {
                Problems.Error(file, _showIfKeys[step], $"step '{step.Id}' is never shown, because its showIf can never be true{reachability.Explain(showIf, s => context.Line(s, _showIfKeys[step]))}");
            }
        }
    }

    /// <summary>A year group field whose choices are not pack.yaml year groups gives no age for "children.age" rules.</summary>
    private void CheckYearGroupChoices(PackSource file, FlowCatalogue flow)
    {
        if (context.YearGroups is null)
        {
            return;
        }

        var known = context.YearGroups.Select(g => g.Value).ToList();
        foreach (var step in flow.Steps.Where(s => s.Type == StepType.Repeat && s.Fields.Any(f => f.Id == "age")))
        {
            if (step.Fields.FirstOrDefault(f => f.Id == "year_group") is not { Type: QuestionType.Choice } yearGroup)
            {
                continue;
            }

            foreach (var choice in yearGroup.Choices.Where(c => !known.Contains(c.Value)))
            {
                Problems.Warning(file, context.Positions[choice], $"choice '{choice.Value}' of question 'year_group' in step '{step.Id}' is not a year group in pack.yaml{Suggestions.DidYouMean(choice.Value, known)}, so it gives no age for '{step.Id}.age'");
            }
        }
    }
}
