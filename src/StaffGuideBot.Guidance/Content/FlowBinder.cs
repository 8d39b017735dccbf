using System.Globalization;
using Newtonsoft.Json.Linq;
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

    /// <summary>The keys of steps, questions and choices whose values are not texts shown to staff (or are checked as items of their own).</summary>
    private static readonly HashSet<string> NotTexts = new(StringComparer.Ordinal) { "id", "type", "style", "contacts", "showIf", "question", "fields", "choices", "value", "synonyms", "max", "min", "maxLength", "required", "verbatim", "allowUnsure" };

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
        if (text.Root(file, "with 'steps', the list of steps") is null)
        {
            return;
        }

        // Each step the schema finds nothing wrong with is read by System.Text.Json; the others, reported, still
        // register their ids so that conditions naming them are not reported too.
        var binding = SchemaBinding.CheckItems(file, Problems, Schema, b => CheckTypes(file!, b))!;
        if (binding.Token("#/steps") is not JArray steps)
        {
            return; // no flow: conditions in indicators.yaml are not checked against it
        }

        var flow = new FlowCatalogue();
        context.Flow = flow;
        for (var index = 0; index < steps.Count; index++)
        {
            if (steps[index] is JObject)
            {
                Register(file!, flow, BindStep(file!, binding, string.Create(CultureInfo.InvariantCulture, $"#/steps[{index}]"), index));
            }
        }

        CheckReview(file!, flow, binding.Node("#/steps"));
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

    /// <summary>
    /// Before the schema: what makes a step or question what it is, its type, and what only its type needs, said
    /// better than the schema's anyOf can (a key of another type, unknown types with a did-you-mean, why a key is needed).
    /// </summary>
    private void CheckTypes(PackSource file, SchemaBinding binding)
    {
        for (var index = 0; index < binding.Count("#/steps"); index++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"#/steps[{index}]");
            var subject = Name(binding, path, $"step {index + 1}", "step");
            if (binding.Token(path) is not JObject step)
            {
                Problems.Error(file, binding.Node(path), $"{subject} must be a mapping with id and type, not {YamlNodes.Describe(binding.Node(path))}");
                binding.Skip(path);
                continue;
            }

            if (CheckType(file, binding, path, subject, StepShapes, "step") is not { } shape)
            {
                _unknownStepType |= binding.Has(path + ".type");
                continue;
            }

            var type = StepTypes[shape.Type];
            if (type == StepType.Review && binding.Has(path + ".showIf"))
            {
                Problems.Error(file, binding.KeyNode(path + ".showIf"), $"{subject}: the review step can't have showIf; it is always shown");
            }

            var questions = step["question"] is JObject ? [path + ".question"] : Enumerable.Range(0, binding.Count(path + ".fields")).Select(i => string.Create(CultureInfo.InvariantCulture, $"{path}.fields[{i}]")).ToList();
            foreach (var (question, i) in questions.Select((q, i) => (q, i)))
            {
                var name = Name(binding, question, question.EndsWith(".question", StringComparison.Ordinal) ? $"the question of {subject}" : $"field {i + 1} of {subject}", "question");
                if (binding.Token(question) is not JObject)
                {
                    Problems.Error(file, binding.Node(question), $"{name} must be a mapping with id, type and label, not {YamlNodes.Describe(binding.Node(question))}");
                    binding.Skip(question);
                }
                else
                {
                    CheckType(file, binding, question, name, QuestionShapes, "question");
                }
            }
        }
    }

    /// <summary>"step 'danger_check'" when the item has a usable id, else <paramref name="fallback"/>.</summary>
    private static string Name(SchemaBinding binding, string path, string fallback, string kind) =>
        binding.Token(path + ".id") is JValue { Type: JTokenType.String } id && PackSchema.IsId(id.ToString(CultureInfo.InvariantCulture)) ? $"{kind} '{id}'" : fallback;

    /// <summary>The shape of the step or question at <paramref name="path"/>; null, reported, when its type is missing or unknown.</summary>
    private (string Type, IReadOnlyList<string> Keys)? CheckType(PackSource file, SchemaBinding binding, string path, string subject, IReadOnlyList<(string Type, IReadOnlyList<string> Keys)> shapes, string kind)
    {
        var types = shapes.Select(s => s.Type).ToList();
        var written = (binding.Token(path + ".type") as JValue)?.ToString(CultureInfo.InvariantCulture).Trim();
        if (!binding.Has(path + ".type") || string.IsNullOrEmpty(written))
        {
            Problems.Error(file, binding.Has(path + ".type") ? binding.KeyNode(path + ".type") : binding.Node(path), $"{subject} {(binding.Has(path + ".type") ? "has an empty" : "is missing")} 'type'; expected one of {YamlNodes.Quote(types)}");
            binding.Skip(path);
            return null;
        }

        if (shapes.FirstOrDefault(s => s.Type == written) is not { Type: not null } shape)
        {
            Problems.Error(file, binding.Node(path + ".type"), $"{subject} has unknown type '{written}'{Suggestions.DidYouMean(written, types)}; expected one of {YamlNodes.Quote(types)}");
            binding.Skip(path);
            return null;
        }

        foreach (var key in ((JObject)binding.Token(path)!).Properties().Select(p => p.Name).Where(k => !shape.Keys.Contains(k) && !(kind == "step" && k == "showIf")))
        {
            var users = shapes.Where(s => s.Keys.Contains(key)).Select(s => s.Type).ToList();
            if (users.Count > 0)
            {
                Problems.Error(file, binding.KeyNode($"{path}.{key}"), $"{subject} has key '{key}', which {shape.Type} {kind}s don't use; it is for {string.Join(" and ", users)} {kind}s");
            }
        }

        return shape;
    }

    private Step BindStep(PackSource file, SchemaBinding binding, string path, int index)
    {
        var valid = binding.IsValid(path);
        // A step with problems (reported) is read as far as it can be, so that conditions on its questions are still checked.
        var item = valid ? binding.Read<StepItem>(path) : TryRead(binding, path) ?? Stub<StepItem>(binding, path);
        var id = item.Id ?? string.Create(CultureInfo.InvariantCulture, $"(step {index + 1})");
        var subject = $"step '{id}'";
        var showIf = conditions.Read(binding, path + ".showIf");

        var questions = item.Question is null ? null : BindQuestion(file, binding, path + ".question", item.Question, valid);
        var step = new Step
        {
            Id = id,
            Type = item.Type ?? StepType.Info,
            Title = item.Title,
            Text = item.Text,
            More = item.More,
            Contacts = item.Contacts ?? [],
            Style = item.Style,
            Continue = item.Continue,
            Points = item.Points ?? [],
            Confirm = item.Confirm,
            Question = questions,
            Fields = (item.Fields ?? []).Select((f, i) => BindQuestion(file, binding, string.Create(CultureInfo.InvariantCulture, $"{path}.fields[{i}]"), f, valid)).OfType<Question>().ToList(),
            Intro = item.Intro,
            Submit = item.Submit,
            ItemName = item.ItemName,
            AddAnother = item.AddAnother,
            Max = item.Max ?? DefaultMax,
            ShowIf = showIf,
        };
        context.Positions[step] = binding.Node(path + ".id");
        if (showIf is not null)
        {
            _showIfKeys[step] = binding.KeyNode(path + ".showIf");
        }

        if (!valid)
        {
            if (item.Type is null)
            {
                context.Flow!.Untyped.Add(step);
            }

            return step;
        }

        CheckTexts(file, binding, path, subject);
        foreach (var (contact, i) in step.Contacts.Select((c, i) => (c, i)))
        {
            if (context.Contacts is not null && !context.ContactsById.ContainsKey(contact))
            {
                Problems.Error(file, binding.Node(string.Create(CultureInfo.InvariantCulture, $"{path}.contacts[{i}]")), $"{subject} lists unknown contact '{contact}'{Suggestions.DidYouMean(contact, context.ContactsById.Keys)}; contacts are defined in contacts.yaml");
            }
        }

        return step;
    }

    /// <summary>The question at <paramref name="path"/>; of a step with problems (reported), one whose conditions are not checked.</summary>
    private Question? BindQuestion(PackSource file, SchemaBinding binding, string path, QuestionItem item, bool valid)
    {
        if (item.Id is null || !PackSchema.IsId(item.Id))
        {
            return null;
        }

        var question = new Question
        {
            Id = item.Id,
            Type = item.Type ?? QuestionType.Text,
            Label = item.Label ?? string.Empty,
            Required = item.Required ?? false,
            Verbatim = item.Verbatim ?? false,
            Placeholder = item.Placeholder,
            MaxLength = item.MaxLength,
            Min = item.Min,
            Max = item.Max,
            AllowUnsure = item.AllowUnsure ?? true,
            Choices = (item.Choices ?? []).Where(c => c.Value is not null && c.Title is not null).ToList(),
        };
        context.Positions[question] = binding.Node(path + ".id");
        if (!valid)
        {
            if (item.Type is null)
            {
                context.Flow!.Untyped.Add(question);
            }

            return question;
        }

        var subject = $"question '{item.Id}'";
        CheckTexts(file, binding, path, subject);
        if (question.Min > question.Max)
        {
            Problems.Error(file, binding.Node(path + ".min"), $"{subject} has min {YamlNodes.Number(question.Min.Value)} greater than max {YamlNodes.Number(question.Max!.Value)}");
        }

        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (choice, i) in question.Choices.Select((c, i) => (c, i)))
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.choices[{i}]");
            var valueNode = binding.Node(at + ".value");
            context.Positions[choice] = valueNode;
            CheckTexts(file, binding, at, $"choice '{choice.Value}' of {subject}");
            if (!seen.TryAdd(choice.Value, valueNode))
            {
                Problems.Error(file, valueNode, $"{subject} has choice value '{choice.Value}' twice (first at line {seen[choice.Value].Start.Line})");
            }
        }

        return question;
    }

    /// <summary>Checks the placeholders and length of each text of the item at <paramref name="path"/> (not of its questions or choices, checked as theirs).</summary>
    private void CheckTexts(PackSource file, SchemaBinding binding, string path, string subject)
    {
        foreach (var property in ((JObject)binding.Token(path)!).Properties().Where(p => !NotTexts.Contains(p.Name)))
        {
            var values = property.Value is JArray list ? list.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{path}.{property.Name}[{i}]")) : [$"{path}.{property.Name}"];
            foreach (var at in values)
            {
                text.CheckText(file, (YamlScalarNode)binding.Node(at), binding.Read<string>(at), $"{subject}: '{property.Name}'");
            }
        }
    }

    private static StepItem? TryRead(SchemaBinding binding, string path)
    {
        try
        {
            return binding.Read<StepItem>(path);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>What a step with problems (reported) still tells: its id, type and questions' ids and types, where they are what they should be.</summary>
    private static T Stub<T>(SchemaBinding binding, string path)
    {
        var copy = new JObject();
        foreach (var property in ((JObject)binding.Token(path)!).Properties())
        {
            copy[property.Name] = property.Name switch
            {
                "id" when property.Value.Type == JTokenType.String => property.Value,
                "type" when property.Value.Type == JTokenType.String && StepTypes.ContainsKey(property.Value.ToString()) => property.Value,
                "question" when property.Value is JObject => StubQuestion(property.Value),
                "fields" when property.Value is JArray fields => new JArray(fields.Where(f => f is JObject).Select(StubQuestion)),
                _ => null,
            };
        }

        return System.Text.Json.JsonSerializer.Deserialize<T>(new JObject(copy.Properties().Where(p => p.Value is not null && p.Value.Type != JTokenType.Null)).ToString(Newtonsoft.Json.Formatting.None), SchemaBinding.Options)!;

        JObject StubQuestion(JToken question)
        {
            var q = new JObject();
            foreach (var key in new[] { "id", "type" })
            {
                if (question[key] is JValue { Type: JTokenType.String } value && (key == "id" || QuestionTypes.ContainsKey(value.ToString(CultureInfo.InvariantCulture))))
                {
                    q[key] = value;
                }
            }

            return q;
        }
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

    private void CheckReview(PackSource file, FlowCatalogue flow, YamlNode steps)
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

    /// <summary>A step of flow.yaml as its schema describes it; its showIf is read by <see cref="ConditionReader"/>.</summary>
    private sealed record StepItem(
        string? Id, StepType? Type, string? Title, string? Text, string? More, List<string>? Contacts, string? Style, string? Continue, List<string>? Points,
        string? Confirm, QuestionItem? Question, List<QuestionItem>? Fields, string? Intro, string? Submit, string? ItemName, string? AddAnother, int? Max);

    private sealed record QuestionItem(
        string? Id, QuestionType? Type, string? Label, bool? Required, bool? Verbatim, string? Placeholder, int? MaxLength, decimal? Min, decimal? Max, bool? AllowUnsure,
        List<ChoiceOption>? Choices);
}
