namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Whether a condition can ever be true: a search for answers that make it true together with the showIf of the steps
/// and questions whose answers it uses (and of those they depend on). Tests the loader did not accept and tests of repeat items
/// (<c>children.age</c>, <c>anyItem</c>) are free to be true or false (true only while the repeat step has items), so a
/// condition reported as never true is certainly never true.
/// </summary>
internal sealed class FlowReachability(FlowCatalogue flow, IReadOnlySet<AnswerCondition> checkedConditions)
{
    /// <summary>How many partial answers one check may try before it gives up and takes the condition as possible.</summary>
    private const int Budget = 100_000;

    /// <summary>The most multichoice values one question may be tested with before it is taken as free (2^n sets).</summary>
    private const int MaxTestedValues = 10;

    private static readonly object Unanswered = new();
    private static readonly object Answered = new();

    public bool IsNeverShown(Step step) => step.ShowIf is { } showIf && !CanHold(showIf);

    /// <summary>False when no answers the flow allows make <paramref name="condition"/> true.</summary>
    public bool CanHold(Condition condition) => new Search(this, condition, withFlow: true).Run();

    /// <summary>True when the loader accepted every test of <paramref name="condition"/>, inside anyItem too.</summary>
    public bool IsChecked(Condition condition) => Atoms(condition).All(a => checkedConditions.Contains(a) && (a.AnyItem is null || IsChecked(a.AnyItem)));

    /// <summary>Ends "… can never be true": the steps it uses that are never shown, or that no answers make it true, or the showIf it contradicts.</summary>
    public string Explain(Condition condition, Func<Step, string> line)
    {
        var uses = Atoms(condition).Select(a => (a.Answer, Step: StepOf(KeyOf(a))!)).Where(u => u.Step is not null).DistinctBy(u => u.Step).ToList();
        var hidden = uses.Where(u => IsNeverShown(u.Step)).ToList();
        if (hidden.Count > 0)
        {
            return ": it uses " + string.Join(" and ", hidden.Select(h => $"'{h.Answer}', which is asked only in step '{h.Step.Id}' (line {line(h.Step)})"))
                + (hidden.Count == 1 ? ", a step that is never shown either" : ", steps that are never shown either");
        }

        if (!new Search(this, condition, withFlow: false).Run())
        {
            return ": no answers make it true (look for tests that contradict each other, such as is \"yes\" and is \"no\" on one question, or a number outside a question's min and max)";
        }

        var conditional = uses.Where(u => u.Step.ShowIf is not null).Select(u => $"'{u.Step.Id}' (line {line(u.Step)})").ToList();
        return conditional.Count == 0
            ? ": no answers make it true"
            : $": no answers make it true together with the showIf of step {string.Join(" and step ", conditional)}, which must hold for {(conditional.Count == 1 ? "that step's" : "those steps'")} answers to be given";
    }

    /// <summary>The tests of a condition, without going into anyItem (whose test is taken as a whole).</summary>
    private static IEnumerable<AnswerCondition> Atoms(Condition condition) =>
        condition is AnswerCondition atom ? [atom] : ConditionReader.Parts(condition).SelectMany(p => Atoms(p.Part));

    /// <summary>What a test depends on: its question (not in a repeat step), the repeat step (answered), or itself (free).</summary>
    private object KeyOf(AnswerCondition atom) => atom switch
    {
        _ when !checkedConditions.Contains(atom) || atom.AnyItem is not null || atom.Answer.Contains('.', StringComparison.Ordinal) => atom,
        _ when flow.Questions.TryGetValue(atom.Answer, out var entry) && entry.Step.Type != StepType.Repeat => entry.Question,
        { Answered: not null } when RepeatStep(atom.Answer) is { } repeat => repeat,
        _ => atom,
    };

    /// <summary>The step whose showIf decides whether the key can be answered; for a free test, the repeat step whose items it tests.</summary>
    private Step? StepOf(object key) => key switch
    {
        Question question => flow.Questions[question.Id].Step,
        Step step => step,
        AnswerCondition atom when checkedConditions.Contains(atom) => RepeatStep(atom.Answer.Split('.')[0]),
        _ => null,
    };

    private Step? RepeatStep(string id) => flow.StepsById.TryGetValue(id, out var step) && step.Step.Type == StepType.Repeat ? step.Step : null;

    /// <summary>One check: a depth-first search over the values of the keys of the target (and, with the flow, of the showIf they need).</summary>
    private sealed class Search(FlowReachability owner, Condition target, bool withFlow)
    {
        private readonly List<object> _keys = [];
        private readonly List<AnswerCondition> _atoms = [];
        private readonly Dictionary<object, object> _values = new(ReferenceEqualityComparer.Instance);
        private List<List<object>?> _domains = [];
        private int _budget = Budget;

        /// <summary>True when some answers make the target true (or the search gave up).</summary>
        public bool Run()
        {
            Collect(target);
            _domains = [.. _keys.Select(Domain)];
            return _domains.Contains(null) || Try(0);
        }

        private void Collect(Condition condition)
        {
            foreach (var atom in Atoms(condition))
            {
                _atoms.Add(atom);
                Add(owner.KeyOf(atom));
            }
        }

        /// <summary>Adds a key and, with the flow, what it needs: the repeat step of a free test, or the showIf of its step.</summary>
        private void Add(object key)
        {
            if (_keys.Contains(key, ReferenceEqualityComparer.Instance))
            {
                return;
            }

            _keys.Add(key);
            var step = withFlow ? owner.StepOf(key) : null;
            if (key is AnswerCondition && step is not null)
            {
                Add(step);
            }
            else if (step is not null)
            {
                foreach (var gate in Gates(key, step))
                {
                    Collect(gate);
                }
            }
        }

        /// <summary>What must hold for a key to be answered: its step's showIf and, for a question, its own.</summary>
        private static IEnumerable<Condition> Gates(object key, Step step) =>
            new[] { step.ShowIf, (key as Question)?.ShowIf }.OfType<Condition>();

        /// <summary>Chooses a value for each key in turn; every key is chosen before the target and what it needs are known.</summary>
        private bool Try(int index)
        {
            if (--_budget < 0)
            {
                return true;
            }

            var holds = withFlow ? _keys.Aggregate(Evaluate(target), (all, key) => all & Needs(key)) : Evaluate(target);
            if (holds is { } known)
            {
                return known;
            }

            foreach (var value in _domains[index]!)
            {
                _values[_keys[index]] = value;
                if (Try(index + 1))
                {
                    return true;
                }
            }

            _values.Remove(_keys[index]);
            return false;
        }

        /// <summary>A given answer (or a repeat step with items) needs its step's showIf (and its question's); a true free test needs its repeat step to have items.</summary>
        private bool? Needs(object key) => _values.GetValueOrDefault(key) switch
        {
            null => null,
            var value when value == Unanswered || value is false => true,
            _ => owner.StepOf(key) switch
            {
                { } step when key is AnswerCondition => _values.TryGetValue(step, out var items) ? items == Answered : null,
                { } step => Gates(key, step).Aggregate((bool?)true, (all, gate) => all & Evaluate(gate)),
                _ => true,
            },
        };

        /// <summary>Whether the condition holds for the values chosen; null while it depends on values not chosen yet.</summary>
        private bool? Evaluate(Condition condition) => condition switch
        {
            AllCondition all => all.Conditions.Aggregate((bool?)true, (result, inner) => result & Evaluate(inner)),
            AnyCondition any => any.Conditions.Aggregate((bool?)false, (result, inner) => result | Evaluate(inner)),
            NotCondition not => !Evaluate(not.Condition),
            _ => Test((AnswerCondition)condition),
        };

        /// <summary>One test, as the report's ConditionEvaluator tests an answer (a free one is true or false as chosen).</summary>
        private bool? Test(AnswerCondition atom) => _values.GetValueOrDefault(owner.KeyOf(atom)) switch
        {
            null => null,
            bool free => free,
            var value when atom.Answered is { } answered => answered == (value != Unanswered),
            string text when atom.Is is { } @is => text == @is,
            string text when atom.In is { } any => any.Contains(text),
            HashSet<string> set when atom.Contains is { } item => set.Contains(item),
            decimal number when atom.LessThan is { } less => number < less,
            decimal number when atom.GreaterThan is { } greater => number > greater,
            _ => false,
        };

        /// <summary>The values to try for a key; null when there are too many.</summary>
        private List<object>? Domain(object key)
        {
            if (key is not Question question)
            {
                return key is AnswerCondition ? [false, true] : [Unanswered, Answered];
            }

            var tests = _atoms.Where(a => ReferenceEquals(owner.KeyOf(a), question)).ToList();
            IEnumerable<object>? answers = question.Type switch
            {
                QuestionType.YesNo or QuestionType.Toggle or QuestionType.Choice when ConditionReader.Answers(question) is { Count: > 0 } values => values,
                QuestionType.MultiChoice => Sets(tests.Select(t => t.Contains).OfType<string>().Distinct(StringComparer.Ordinal).ToList()),
                QuestionType.Number => Numbers(question, tests.SelectMany(t => new[] { t.LessThan, t.GreaterThan }).OfType<decimal>()),
                _ => [Answered],
            };
            return answers is null ? null : [Unanswered, .. answers];
        }

        /// <summary>Every set of the values a multichoice question is tested with; null when there are too many.</summary>
        private static IEnumerable<object>? Sets(List<string> tested) => tested.Count > MaxTestedValues
            ? null
            : Enumerable.Range(0, 1 << tested.Count).Select(set => tested.Where((_, i) => (set & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal));

        /// <summary>Each limit tested, a number between each two and beyond either end, and the question's min and max: those within min..max.</summary>
        private static IEnumerable<object> Numbers(Question question, IEnumerable<decimal> tested)
        {
            var limits = tested.Distinct().Order().ToList();
            decimal[] beyond = limits.Count > 0 ? [limits[0] - 1, limits[^1] + 1] : [];
            List<decimal> candidates = [.. limits, .. limits.Zip(limits.Skip(1), (low, high) => (low + high) / 2), .. beyond, .. new[] { question.Min, question.Max }.OfType<decimal>()];
            return (candidates.Count > 0 ? candidates : [0m])
                .Where(n => (question.Min is not { } min || n >= min) && (question.Max is not { } max || n <= max))
                .Distinct()
                .Cast<object>();
        }
    }
}
