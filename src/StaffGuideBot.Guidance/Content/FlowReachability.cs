namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// Whether a condition (a step's showIf, an indicator's when) can ever be true, given the flow. Steps are shown in
/// order; a step with showIf is skipped when it does not hold, and the answers to its questions are then removed, so a
/// question is answered only when its step's showIf held. A condition is checked by looking for answers that make it
/// true: every yes/no, toggle and choice value, every set of the multichoice values it tests, a number on each side
/// of each limit it compares with (within the question's min and max), and answered or not, together with the
/// showIf of each step whose answers it uses (and of the steps those depend on). When there are none, the step is
/// never shown (or the indicator never flags a report).
/// </summary>
/// <remarks>
/// Only tests the loader accepted without a problem (<see cref="LoadContext.CheckedConditions"/>) are modelled on
/// their question. Tests of repeat items (<c>children.age</c>, <c>anyItem</c>) are each taken as free to be true or
/// false, as long as the repeat step has items; anything else unusual is taken as free. So a condition reported as
/// never true is certainly never true; some that can never be true (e.g. on ages of children) are not found.
/// </remarks>
internal sealed class FlowReachability(FlowCatalogue flow, IReadOnlySet<AnswerCondition> checkedConditions)
{
    /// <summary>How many partial answers one check may try before it gives up and takes the condition as possible.</summary>
    private const int Budget = 100_000;

    /// <summary>The most multichoice values one question may be tested with before it is taken as free (2^n sets).</summary>
    private const int MaxTestedValues = 10;

    private static readonly object Unanswered = new Marker("unanswered");
    private static readonly object Answered = new Marker("answered");

    private readonly Dictionary<Step, bool> _neverShown = new(ReferenceEqualityComparer.Instance);

    /// <summary>True when <paramref name="step"/> has a showIf that no answers can make true.</summary>
    public bool IsNeverShown(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.ShowIf is null)
        {
            return false;
        }

        if (!_neverShown.TryGetValue(step, out var never))
        {
            never = !CanHold(step.ShowIf);
            _neverShown[step] = never;
        }

        return never;
    }

    /// <summary>False when no answers the flow allows make <paramref name="condition"/> true.</summary>
    public bool CanHold(Condition condition) => new Search(this, condition, withFlow: true).Run();

    /// <summary>
    /// Why <paramref name="condition"/> can never be true, to end "… can never be true" with: the steps it depends on
    /// that are never shown themselves, or that no answers at all make it true, or the steps whose showIf it
    /// contradicts.
    /// </summary>
    public string Explain(Condition condition, Func<Step, string> line)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(line);
        var uses = new List<(string Answer, Step Step)>();
        foreach (var atom in Atoms(condition))
        {
            if (StepOf(KeyOf(atom)) is { } step && !uses.Exists(u => u.Step == step))
            {
                uses.Add((atom.Answer, step));
            }
        }

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
        if (conditional.Count == 0)
        {
            return ": no answers make it true";
        }

        return $": no answers make it true together with the showIf of step {string.Join(" and step ", conditional)}, which must hold for {(conditional.Count == 1 ? "that step's" : "those steps'")} answers to be given";
    }

    /// <summary>True when the loader accepted every test of <paramref name="condition"/>, inside anyItem too.</summary>
    public bool IsChecked(Condition condition) =>
        Atoms(condition).All(a => checkedConditions.Contains(a) && (a.AnyItem is null || IsChecked(a.AnyItem)));

    /// <summary>The tests of a condition, without going into anyItem (whose test is taken as a whole).</summary>
    private static IEnumerable<AnswerCondition> Atoms(Condition condition) => condition switch
    {
        AllCondition all => all.Conditions.SelectMany(Atoms),
        AnyCondition any => any.Conditions.SelectMany(Atoms),
        NotCondition not => Atoms(not.Condition),
        AnswerCondition answer => [answer],
        _ => [],
    };

    /// <summary>
    /// What a test's truth depends on: its question (a question of a step other than a repeat step), the repeat step
    /// (for answered on a repeat step), or the test itself, free to be true or false.
    /// </summary>
    private object KeyOf(AnswerCondition atom)
    {
        if (!checkedConditions.Contains(atom) || atom.AnyItem is not null || atom.Answer.Contains('.', StringComparison.Ordinal))
        {
            return atom;
        }

        if (flow.Questions.TryGetValue(atom.Answer, out var entry) && entry.Step.Type != StepType.Repeat)
        {
            return entry.Question;
        }

        return flow.StepsById.TryGetValue(atom.Answer, out var step) && step.Step.Type == StepType.Repeat && atom.Answered is not null
            ? step.Step
            : atom;
    }

    /// <summary>The repeat step a free test of repeat items needs to have items, if any.</summary>
    private Step? RepeatOf(AnswerCondition atom)
    {
        if (!checkedConditions.Contains(atom))
        {
            return null;
        }

        var name = atom.AnyItem is not null ? atom.Answer : atom.Answer.Split('.')[0];
        return flow.StepsById.TryGetValue(name, out var step) && step.Step.Type == StepType.Repeat ? step.Step : null;
    }

    /// <summary>The step whose showIf decides whether the key can be answered (or true).</summary>
    private Step? StepOf(object key) => key switch
    {
        Question question => flow.Questions[question.Id].Step,
        Step step => step,
        AnswerCondition atom => RepeatOf(atom),
        _ => null,
    };

    private sealed class Marker(string name)
    {
        public override string ToString() => name;
    }

    /// <summary>One check: a depth-first search over the values of the questions the condition needs.</summary>
    private sealed class Search
    {
        private readonly FlowReachability _owner;
        private readonly Condition _target;
        private readonly List<object> _keys = [];
        private readonly HashSet<object> _seen = new(ReferenceEqualityComparer.Instance);
        private readonly List<AnswerCondition> _atoms = [];
        private readonly Dictionary<object, object> _values = new(ReferenceEqualityComparer.Instance);
        private readonly bool _withFlow;
        private int _budget = Budget;

        public Search(FlowReachability owner, Condition target, bool withFlow)
        {
            _owner = owner;
            _target = target;
            _withFlow = withFlow;
            Collect(target);
        }

        /// <summary>True when some answers make the target true (or the search gave up).</summary>
        public bool Run()
        {
            var domains = new List<object>[_keys.Count];
            for (var i = 0; i < _keys.Count; i++)
            {
                if (Domain(_keys[i]) is not { } domain)
                {
                    return true; // too many values to try: take it as possible
                }

                domains[i] = domain;
            }

            return Try(0, domains);
        }

        private bool Try(int index, List<object>[] domains)
        {
            if (--_budget < 0)
            {
                return true;
            }

            var holds = All();
            if (holds is { } known)
            {
                return known;
            }

            if (index == _keys.Count)
            {
                return true; // not reached: with every value chosen each test is true or false
            }

            foreach (var value in domains[index])
            {
                _values[_keys[index]] = value;
                if (Try(index + 1, domains))
                {
                    return true;
                }
            }

            _values.Remove(_keys[index]);
            return false;
        }

        /// <summary>The target and, with the flow, each key's condition; null while that depends on values not chosen yet.</summary>
        private bool? All()
        {
            var result = Evaluate(_target);
            if (result is false || !_withFlow)
            {
                return result;
            }

            foreach (var key in _keys)
            {
                var holds = Requires(key);
                if (holds is false)
                {
                    return false;
                }

                result &= holds;
            }

            return result;
        }

        /// <summary>An answered question (or a repeat step with items) needs its step's showIf; a true test of repeat items needs items.</summary>
        private bool? Requires(object key)
        {
            if (!_values.TryGetValue(key, out var value))
            {
                return null;
            }

            switch (key)
            {
                case AnswerCondition atom:
                    if (value is false || _owner.RepeatOf(atom) is not { } repeat)
                    {
                        return true;
                    }

                    return _values.TryGetValue(repeat, out var items) ? items == Answered : null;
                default:
                    return value == Unanswered || _owner.StepOf(key)?.ShowIf is not { } showIf ? true : Evaluate(showIf);
            }
        }

        private void Collect(Condition condition)
        {
            foreach (var atom in Atoms(condition))
            {
                _atoms.Add(atom);
                var key = _owner.KeyOf(atom);
                if (!_seen.Add(key))
                {
                    continue;
                }

                _keys.Add(key);
                if (!_withFlow)
                {
                    continue;
                }

                if (key is AnswerCondition free && _owner.RepeatOf(free) is { } repeat && _seen.Add(repeat))
                {
                    _keys.Add(repeat);
                    if (repeat.ShowIf is not null)
                    {
                        Collect(repeat.ShowIf);
                    }
                }
                else if (key is not AnswerCondition && _owner.StepOf(key)?.ShowIf is { } showIf)
                {
                    Collect(showIf);
                }
            }
        }

        /// <summary>The values to try for a key; null when there are too many.</summary>
        private List<object>? Domain(object key)
        {
            if (key is AnswerCondition)
            {
                return [false, true];
            }

            if (key is not Question question)
            {
                return [Unanswered, Answered];
            }

            var tests = _atoms.Where(a => ReferenceEquals(_owner.KeyOf(a), question)).ToList();
            List<object> values = [Unanswered];
            switch (question.Type)
            {
                case QuestionType.YesNo:
                    values.AddRange(question.AllowUnsure ? ["yes", "no", "unsure"] : ["yes", "no"]);
                    break;
                case QuestionType.Toggle:
                    values.AddRange(["true", "false"]);
                    break;
                case QuestionType.Choice:
                    values.AddRange(question.Choices.Count > 0 ? question.Choices.Select(c => c.Value) : [Answered]);
                    break;
                case QuestionType.MultiChoice:
                    var tested = tests.Select(t => t.Contains).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
                    if (tested.Count > MaxTestedValues)
                    {
                        return null;
                    }

                    for (var set = 0; set < 1 << tested.Count; set++)
                    {
                        values.Add(tested.Where((_, i) => (set & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal));
                    }

                    break;
                case QuestionType.Number:
                    values.AddRange(Numbers(question, tests).Cast<object>());
                    break;
                default:
                    values.Add(Answered);
                    break;
            }

            return values;
        }

        /// <summary>A number in each range the limits tested split the question's min..max into, and each limit.</summary>
        private static IEnumerable<decimal> Numbers(Question question, List<AnswerCondition> tests)
        {
            var limits = tests.SelectMany(t => new[] { t.LessThan, t.GreaterThan }).OfType<decimal>().Distinct().Order().ToList();
            var candidates = new List<decimal>(limits);
            for (var i = 1; i < limits.Count; i++)
            {
                candidates.Add((limits[i - 1] + limits[i]) / 2);
            }

            if (limits.Count > 0)
            {
                candidates.Add(limits[0] - 1);
                candidates.Add(limits[^1] + 1);
            }

            candidates.AddRange(new[] { question.Min, question.Max }.OfType<decimal>());
            if (candidates.Count == 0)
            {
                candidates.Add(0);
            }

            return candidates.Where(n => (question.Min is not { } min || n >= min) && (question.Max is not { } max || n <= max)).Distinct();
        }

        private bool? Evaluate(Condition condition)
        {
            switch (condition)
            {
                case AllCondition all:
                    bool? every = true;
                    foreach (var inner in all.Conditions)
                    {
                        every &= Evaluate(inner);
                        if (every is false)
                        {
                            return false;
                        }
                    }

                    return every;
                case AnyCondition any:
                    bool? some = false;
                    foreach (var inner in any.Conditions)
                    {
                        some |= Evaluate(inner);
                        if (some is true)
                        {
                            return true;
                        }
                    }

                    return some;
                case NotCondition not:
                    return !Evaluate(not.Condition);
                case AnswerCondition atom:
                    var key = _owner.KeyOf(atom);
                    if (!_values.TryGetValue(key, out var value))
                    {
                        return null;
                    }

                    return key switch
                    {
                        AnswerCondition => (bool)value,
                        Step => atom.Answered == (value == Answered),
                        _ => Test(atom, value),
                    };
                default:
                    return null;
            }
        }

        /// <summary>As <see cref="Reports.ConditionEvaluator"/> does for one answer.</summary>
        private static bool Test(AnswerCondition atom, object value)
        {
            if (atom.Answered is { } answered)
            {
                return answered == (value != Unanswered);
            }

            return value switch
            {
                string text when atom.Is is { } @is => text == @is,
                string text when atom.In is { } any => any.Contains(text),
                HashSet<string> set when atom.Contains is { } item => set.Contains(item),
                decimal number when atom.LessThan is { } less => number < less,
                decimal number when atom.GreaterThan is { } greater => number > greater,
                _ => false,
            };
        }
    }
}
