using System.Globalization;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds flow.yaml: steps, questions and showIf conditions, then checks the flow as a whole.</summary>
internal sealed class FlowBinder(LoadContext context, PackBinder text, ConditionReader conditions)
{
    /// <summary>A step with an unknown type may have been meant as the review step: then "no review step" is not reported.</summary>
    private bool _unknownStepType;

    /// <summary>The showIf key of each step that has a condition, for "never shown".</summary>
    private readonly Dictionary<Step, YamlNode> _showIfKeys = new(ReferenceEqualityComparer.Instance);

    private ProblemCollector Problems => context.Problems;

    /// <summary>A step type as the schema writes it (the schema's types are the enum's names, see PackSchemaCheckTests).</summary>
    public static string Name(StepType type) => type.ToString().ToLowerInvariant();

    public static string Name(QuestionType type) => type.ToString().ToLowerInvariant();

    public void Bind(PackSource? file)
    {
        if (text.Root(file, "with 'steps', the list of steps") is null)
        {
            return;
        }

        var binding = SchemaBinding.CheckItems(file, Problems, "flow.schema.json", b => CheckReviewShowIf(file!, b))!;
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

    /// <summary>Before the schema, whose message would be that review steps don't use showIf.</summary>
    private void CheckReviewShowIf(PackSource file, SchemaBinding binding)
    {
        for (var index = 0; index < binding.Count("#/steps"); index++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"#/steps[{index}]");
            if (binding.Token(path + ".type") is JValue { Value: "review" } && binding.Has(path + ".showIf"))
            {
                var id = binding.Token(path + ".id") is JValue { Type: JTokenType.String } written && PackSchema.IsId(written.ToString(CultureInfo.InvariantCulture)) ? $"step '{written}'" : $"step {index + 1}";
                Problems.Error(file, binding.KeyNode(path + ".showIf"), $"{id}: the review step can't have showIf; it is always shown");
            }
        }
    }

    /// <summary>The step at <paramref name="path"/>, read by System.Text.Json; checked further when the schema found nothing wrong with it.</summary>
    private Step BindStep(PackSource file, SchemaBinding binding, string path, int index)
    {
        var valid = binding.IsValid(path);
        var step = valid ? binding.Read<Step>(path) : ReadAsFarAsItCan(binding, path, index);
        var subject = $"step '{step.Id}'";
        var showIf = conditions.Read(binding, path + ".showIf");

        step.ShowIf = showIf;
        context.Positions[step] = binding.Node(path + ".id");
        if (showIf is not null)
        {
            _showIfKeys[step] = binding.KeyNode(path + ".showIf");
        }

        var questions = step.Question is null ? step.Fields.Select((q, i) => (q, SchemaBinding.Child(path + ".fields", i))) : [(step.Question, path + ".question")];
        foreach (var (question, at) in questions)
        {
            context.Positions.TryAdd(question, binding.Node(at + ".id")); // a stub's questions have theirs
            if (valid)
            {
                BindQuestion(file, binding, at, question);
            }
        }

        if (!valid)
        {
            return step;
        }

        CheckTexts(file, binding, path, subject);
        foreach (var (contact, i) in step.Contacts.Select((c, i) => (c, i)))
        {
            if (context.Contacts is not null && !context.ContactsById.ContainsKey(contact))
            {
                Problems.Error(file, binding.Node(SchemaBinding.Child(path + ".contacts", i)), $"{subject} lists unknown contact '{contact}'{Suggestions.DidYouMean(contact, context.ContactsById.Keys)}; contacts are defined in contacts.yaml");
            }
        }

        return step;
    }

    /// <summary>
    /// A step with problems (reported), read whole when System.Text.Json can and its type and ids are what they
    /// should be; else what it still tells (see <see cref="Stub"/>).
    /// </summary>
    private Step ReadAsFarAsItCan(SchemaBinding binding, string path, int index)
    {
        Step? step;
        try
        {
            step = binding.Read<Step>(path);
        }
        catch (JsonException)
        {
            step = null;
        }

        var usable = step is { Id: not null } && binding.Has(path + ".type") && QuestionPaths(binding, path).All(q => binding.Has(q + ".type") && IdAt(binding, q) is { } id && PackSchema.IsId(id));
        return usable ? step! : Stub(binding, path, index);
    }

    /// <summary>
    /// What a step that can't be read still tells: its id, its type and its questions' ids where they are what they
    /// should be; registered so that conditions naming them are not reported too, but not checked.
    /// </summary>
    private Step Stub(SchemaBinding binding, string path, int index)
    {
        var stepType = Enum.GetValues<StepType>().Where(t => TypeAt(path) == Name(t)).Cast<StepType?>().FirstOrDefault();
        _unknownStepType |= stepType is null && binding.Has(path + ".type");
        var questions = QuestionPaths(binding, path).Select(StubQuestion).OfType<Question>().ToList();
        var single = binding.Token(path + ".question") is JObject;
        var step = new Step
        {
            Id = IdAt(binding, path) ?? string.Create(CultureInfo.InvariantCulture, $"(step {index + 1})"),
            Type = stepType ?? StepType.Info,
            Question = single ? questions.FirstOrDefault() : null,
            Fields = single ? [] : questions,
        };
        context.Flow!.Untyped.Add(step);
        step.Questions.ToList().ForEach(q => context.Flow!.Untyped.Add(q));
        return step;

        Question? StubQuestion(string at)
        {
            if (IdAt(binding, at) is not { } id || !PackSchema.IsId(id))
            {
                return null;
            }

            var question = new Question { Id = id, Type = Enum.GetValues<QuestionType>().FirstOrDefault(t => TypeAt(at) == Name(t)), Label = string.Empty };
            context.Positions[question] = binding.Node(at + ".id");
            return question;
        }

        string? TypeAt(string at) => (binding.Token(at + ".type") as JValue)?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The paths of the questions of the step at <paramref name="path"/>: its question, or its fields.</summary>
    private static IEnumerable<string> QuestionPaths(SchemaBinding binding, string path) =>
        binding.Token(path + ".question") is JObject ? [path + ".question"] : Enumerable.Range(0, binding.Count(path + ".fields")).Select(i => SchemaBinding.Child(path + ".fields", i));

    private static string? IdAt(SchemaBinding binding, string path) =>
        binding.Token(path + ".id") is JValue { Type: JTokenType.String } id ? id.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>Checks a question of a step the schema found nothing wrong with: its texts, min and max, its choices.</summary>
    private void BindQuestion(PackSource file, SchemaBinding binding, string path, Question question)
    {
        context.Positions[question] = binding.Node(path + ".id");
        var subject = $"question '{question.Id}'";
        CheckTexts(file, binding, path, subject);
        if (question.Min > question.Max)
        {
            Problems.Error(file, binding.Node(path + ".min"), $"{subject} has min {YamlNodes.Number(question.Min.Value)} greater than max {YamlNodes.Number(question.Max!.Value)}");
        }

        var seen = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (choice, i) in question.Choices.Select((c, i) => (c, i)))
        {
            var at = SchemaBinding.Child(path + ".choices", i);
            var valueNode = binding.Node(at + ".value");
            context.Positions[choice] = valueNode;
            CheckTexts(file, binding, at, $"choice '{choice.Value}' of {subject}");
            if (!seen.TryAdd(choice.Value, valueNode))
            {
                Problems.Error(file, valueNode, $"{subject} has choice value '{choice.Value}' twice (first at line {seen[choice.Value].Start.Line})");
            }
        }
    }

    /// <summary>Checks the placeholders and length of each text of the item at <paramref name="path"/> (not of its questions or choices, checked as theirs).</summary>
    private void CheckTexts(PackSource file, SchemaBinding binding, string path, string subject)
    {
        foreach (var (key, at) in binding.Texts(path))
        {
            text.CheckText(file, (YamlScalarNode)binding.Node(at), binding.Read<string>(at), $"{subject}: '{key}'");
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
}
