using System.Globalization;
using System.Text.Json;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace StaffGuideBot.Guidance.Content;

/// <summary>Binds flow.yaml and checks what its schema can't say: ids, the review step, year groups, reachability.</summary>
internal sealed class FlowBinder(LoadContext context, PackBinder text, ConditionReader conditions)
{
    /// <summary>A step with an unknown type may have been meant as the review step: then "no review step" is not reported.</summary>
    private bool _unknownStepType;

    private ProblemCollector Problems => context.Problems;

    /// <summary>A step or question type as the schema writes it (see PackSchemaCheckTests).</summary>
    public static string Name<T>(T type)
        where T : struct, Enum => type.ToString().ToLowerInvariant();

    public void Bind(PackSource? file)
    {
        if (file is null || SchemaBinding.CheckItems(file, Problems, "flow.schema.json") is not { } binding || binding.Token("#/steps") is not JArray steps)
        {
            return; // no flow: conditions in indicators.yaml are not checked against it
        }

        var flow = new FlowCatalogue();
        context.Flow = flow;
        foreach (var index in Enumerable.Range(0, steps.Count).Where(i => steps[i] is JObject))
        {
            Register(file, flow, BindStep(file, binding, SchemaBinding.Child("#/steps", index), index));
        }

        CheckReview(file, flow, binding.Node("#/steps"));
        foreach (var (i, step) in flow.Steps.Index())
        {
            var showIfs = step.Questions.Select(q => (q.ShowIf, Of: $"question '{q.Id}'")).Prepend((step.ShowIf, $"step '{step.Id}'"));
            foreach (var (showIf, of) in showIfs.Where(s => s.ShowIf is not null))
            {
                conditions.Check(file, showIf!, new ConditionScope($"showIf of {of}", StepIndex: i)); // a question's too: only earlier steps' answers
            }
        }

        CheckYearGroupChoices(file, flow);
        CheckReachable(file, flow);
    }

    private static List<string> QuestionPaths(SchemaBinding binding, string path) =>
        binding.Token(path + ".question") is JObject ? [path + ".question"] : [.. Enumerable.Range(0, binding.Count(path + ".fields")).Select(i => SchemaBinding.Child(path + ".fields", i))];

    /// <summary>The step at <paramref name="path"/>, read by System.Text.Json; checked further when the schema found nothing wrong with it.</summary>
    private Step BindStep(PackSource file, SchemaBinding binding, string path, int index)
    {
        var valid = binding.IsValid(path);
        var step = valid ? binding.Read<Step>(path) : ReadAsFarAsItCan(binding, path, index);
        step.ShowIf = conditions.Read(binding, path + ".showIf");
        context.Positions[step] = binding.Node(path + ".id");
        if (step.ShowIf is not null)
        {
            context.Positions[step.ShowIf] = binding.KeyNode(path + ".showIf"); // where "never shown" is reported
        }

        if (!valid)
        {
            return step;
        }

        CheckTexts(file, binding, path, $"step '{step.Id}'");
        foreach (var (question, at) in step.Questions.Zip(QuestionPaths(binding, path)))
        {
            BindQuestion(file, binding, at, question);
        }

        text.CheckContactIds(file, binding, path, step.Contacts);

        return step;
    }

    /// <summary>A step the schema found problems in: read whole if it can be and its types and ids are there, else a stub (see <see cref="FlowCatalogue.Untyped"/>).</summary>
    private Step ReadAsFarAsItCan(SchemaBinding binding, string path, int index)
    {
        var questions = QuestionPaths(binding, path);
        var named = questions.Where(q => Scalar(q + ".id") is { } id && PackSchema.IsId(id)).ToList();
        var typed = binding.Has(path + ".type") && questions.All(q => binding.Has(q + ".type")) && named.Count == questions.Count;
        if (!typed || TryRead() is not { Id: not null } step)
        {
            var type = Enum.GetValues<StepType>().Cast<StepType?>().FirstOrDefault(t => Name(t!.Value) == Scalar(path + ".type"));
            _unknownStepType |= type is null && binding.Has(path + ".type");
            var stubs = named.Select(q => new Question { Id = Scalar(q + ".id")!, Type = default, Label = string.Empty }).ToList();
            var single = binding.Token(path + ".question") is JObject;
            step = new Step
            {
                Id = binding.Token(path + ".id") is JValue { Type: JTokenType.String } ? Scalar(path + ".id")! : string.Create(CultureInfo.InvariantCulture, $"(step {index + 1})"),
                Type = type ?? StepType.Info,
                Question = single ? stubs.FirstOrDefault() : null,
                Fields = single ? [] : stubs,
            };
            context.Flow!.Untyped.UnionWith([step, .. stubs]);
        }

        foreach (var (question, at) in step.Questions.Zip(named))
        {
            context.Positions[question] = binding.Node(at + ".id");
        }

        return step;

        Step? TryRead()
        {
            try
            {
                return binding.Read<Step>(path);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        string? Scalar(string at) => (binding.Token(at) as JValue)?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Checks a question of a step the schema found nothing wrong with: its texts, min and max, its choices.</summary>
    private void BindQuestion(PackSource file, SchemaBinding binding, string path, Question question)
    {
        context.Positions[question] = binding.Node(path + ".id");
        if ((question.ShowIf = conditions.Read(binding, path + ".showIf")) is { } showIf)
        {
            context.Positions[showIf] = binding.KeyNode(path + ".showIf"); // where "never shown" is reported
        }

        var subject = $"question '{question.Id}'";
        CheckTexts(file, binding, path, subject);
        if (question.Min > question.Max)
        {
            Problems.Error(file, binding.Node(path + ".min"), $"{subject} has min {YamlNodes.Number(question.Min.Value)} greater than max {YamlNodes.Number(question.Max!.Value)}");
        }

        foreach (var (i, choice) in question.Choices.Index())
        {
            var at = SchemaBinding.Child(path + ".choices", i);
            context.Positions[choice] = binding.Node(at + ".value");
            CheckTexts(file, binding, at, $"choice '{choice.Value}' of {subject}");
            if (question.Choices.Take(i).FirstOrDefault(c => c.Value == choice.Value) is { } first)
            {
                Problems.Error(file, context.Positions[choice], $"{subject} has choice value '{choice.Value}' twice (first at line {context.Positions[first].Start.Line})");
            }
        }
    }

    /// <summary>Checks the texts of the item at <paramref name="path"/> (not of its questions or choices, checked as theirs).</summary>
    private void CheckTexts(PackSource file, SchemaBinding binding, string path, string subject)
    {
        foreach (var (key, at) in binding.Texts(path))
        {
            text.CheckText(file, (YamlScalarNode)binding.Node(at), binding.Read<string>(at), $"{subject}: '{key}'");
        }
    }

    private void Register(PackSource file, FlowCatalogue flow, Step step)
    {
        var at = context.Positions[step];
        if (!flow.StepsById.TryAdd(step.Id, (step, flow.Steps.Count)))
        {
            Problems.Error(file, at, $"duplicate step id '{step.Id}' (first at line {context.Line(flow.StepsById[step.Id].Step, at)})");
        }

        foreach (var question in step.Questions)
        {
            var questionAt = context.Positions[question];
            if (flow.Questions.TryGetValue(question.Id, out var earlier))
            {
                Problems.Error(file, questionAt, $"duplicate question id '{question.Id}' (first at line {context.Line(earlier.Question, questionAt)}, in step '{earlier.Step.Id}'); question ids must be unique in the pack, including the fields of repeat steps");
            }
            else if (flow.StepsById.TryGetValue(question.Id, out var repeat) && repeat.Step.Type == StepType.Repeat)
            {
                Problems.Error(file, questionAt, $"question '{question.Id}' has the id of repeat step '{repeat.Step.Id}' (line {context.Line(repeat.Step, questionAt)}); conditions could not tell them apart");
            }
            else
            {
                flow.Questions[question.Id] = (question, step, flow.Steps.Count);
            }
        }

        if (step.Type == StepType.Repeat && flow.Questions.TryGetValue(step.Id, out var same) && same.Step != step)
        {
            Problems.Error(file, at, $"repeat step '{step.Id}' has the id of question '{step.Id}' (line {context.Line(same.Question, at)}); conditions could not tell them apart");
        }

        flow.Steps.Add(step);
    }

    private void CheckReview(PackSource file, FlowCatalogue flow, YamlNode steps)
    {
        var reviews = flow.Steps.Where(s => s.Type == StepType.Review).ToList();
        if (reviews.Count == 0 && !_unknownStepType)
        {
            Problems.Error(file, steps, "the flow has no review step; expected exactly one review step, as the last step");
        }

        foreach (var extra in reviews.Skip(1))
        {
            Problems.Error(file, context.Positions[extra], $"step '{extra.Id}' is a second review step (the first is '{reviews[0].Id}' at line {context.Line(reviews[0], context.Positions[extra])}); a flow has exactly one review step, as the last step");
        }

        if (reviews.Count == 1 && flow.Steps[^1] != reviews[0])
        {
            Problems.Error(file, context.Positions[reviews[0]], $"review step '{reviews[0].Id}' must be the last step, but step '{flow.Steps[flow.Steps.IndexOf(reviews[0]) + 1].Id}' comes after it");
        }
    }

    /// <summary>A year group field whose choices are not pack.yaml year groups gives no age for "children.age" rules.</summary>
    private void CheckYearGroupChoices(PackSource file, FlowCatalogue flow)
    {
        var known = context.YearGroups?.Select(g => g.Value).ToList();
        foreach (var step in flow.Steps.Where(s => known is not null && s.Type == StepType.Repeat && s.Fields.Any(f => f.Id == "age")))
        {
            var choices = step.Fields.FirstOrDefault(f => f.Id == "year_group") is { Type: QuestionType.Choice } yearGroup ? yearGroup.Choices : [];
            foreach (var choice in choices.Where(c => !known!.Contains(c.Value)))
            {
                Problems.Warning(file, context.Positions[choice], $"choice '{choice.Value}' of question 'year_group' in step '{step.Id}' is not a year group in pack.yaml{Suggestions.DidYouMean(choice.Value, known!)}, so it gives no age for '{step.Id}.age'");
            }
        }
    }

    /// <summary>Reports a step or question whose showIf (a question's with its step's) no answers can make true (of the conditions the loader accepted).</summary>
    private void CheckReachable(PackSource file, FlowCatalogue flow)
    {
        var reachability = new FlowReachability(flow, context.CheckedConditions);
        context.Reachability = reachability;
        foreach (var step in flow.Steps)
        {
            if (step.ShowIf is { } showIf && reachability.IsChecked(showIf) && reachability.IsNeverShown(step))
            {
                var at = context.Positions[showIf];
                Problems.Error(file, at, $"step '{step.Id}' is never shown, because its showIf can never be true{reachability.Explain(showIf, s => context.Line(s, at))}");
                continue;
            }

            foreach (var question in step.Questions.Where(q => q.ShowIf is { } own && reachability.IsChecked(own)))
            {
                var (shownWhen, at) = (step.ShowIf is null ? question.ShowIf! : new AllCondition([step.ShowIf, question.ShowIf!]), context.Positions[question.ShowIf!]);
                if (!reachability.CanHold(shownWhen))
                {
                    Problems.Error(file, at, $"question '{question.Id}' is never shown, because its showIf can never be true{reachability.Explain(shownWhen, s => context.Line(s, at))}");
                }
            }
        }
    }
}
