using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// Evaluates a <see cref="Condition"/> over a report's answers, as "Conditions" in dialogs/README.md describes:
/// <list type="bullet">
/// <item>a test of an unanswered question is false, except <c>answered: false</c>;</item>
/// <item><c>is</c> / <c>in</c> compare the answer's value (yes/no/unsure, a choice value, true/false);
/// <c>contains</c> is true when a multichoice answer includes the value; <c>lessThan</c> / <c>greaterThan</c> compare numbers;</item>
/// <item><c>children.age</c> (a field of a repeat step) is true when any item passes; so is <c>anyItem</c>, whose
/// condition names the item's fields (and may also name the report's other questions);</item>
/// <item>an item with no <c>age</c> but a <c>year_group</c> takes that year group's youngest age (minAge), so a rule
/// such as "under 13" errs on the side of flagging.</item>
/// </list>
/// </summary>
public static class ConditionEvaluator
{
    private static readonly ConditionalWeakTable<ContentPack, PackLookup> Lookups = [];

    public static bool Evaluate(Condition condition, Answers answers, ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(pack);
        return Evaluate(condition, new Scope(answers, null, null), Lookups.GetValue(pack, p => new PackLookup(p)));
    }

    // Loops rather than LINQ: conditions are evaluated many times a turn, and a lambda's closure is allocated on every call.
    private static bool Evaluate(Condition condition, Scope scope, PackLookup pack)
    {
        switch (condition)
        {
            case AllCondition all:
                foreach (var inner in all.Conditions)
                {
                    if (!Evaluate(inner, scope, pack))
                    {
                        return false;
                    }
                }

                return true;
            case AnyCondition any:
                foreach (var inner in any.Conditions)
                {
                    if (Evaluate(inner, scope, pack))
                    {
                        return true;
                    }
                }

                return false;
            case NotCondition not:
                return !Evaluate(not.Condition, scope, pack);
            case AnswerCondition answer:
                return Test(answer, scope, pack);
            default:
                throw new NotSupportedException($"Unknown condition type {condition.GetType().Name}.");
        }
    }

    private static bool Test(AnswerCondition condition, Scope scope, PackLookup pack)
    {
        var name = condition.Answer;

        // Inside anyItem: the item's own fields first.
        if (scope.Item is { } item && pack.IsField(scope.Repeat!, name))
        {
            return Apply(condition, FieldValue(item, name, pack));
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var field = name[(dot + 1)..];
            foreach (var each in scope.Report.Items(name[..dot]))
            {
                if (Apply(condition, FieldValue(each, field, pack)))
                {
                    return true;
                }
            }

            return false;
        }

        if (condition.AnyItem is { } inner)
        {
            foreach (var each in scope.Report.Items(name))
            {
                if (Evaluate(inner, new Scope(scope.Report, each, name), pack))
                {
                    return true;
                }
            }

            return false;
        }

        return Apply(condition, scope.Report.Raw(name));
    }

    private static bool Apply(AnswerCondition condition, JsonNode? value)
    {
        var answered = Answers.HasValue(value);
        if (condition.Answered is { } expected)
        {
            return answered == expected;
        }

        if (!answered)
        {
            return false;
        }

        if (condition.Is is { } @is)
        {
            return Matches(value, @is);
        }

        if (condition.In is { } values)
        {
            foreach (var each in values)
            {
                if (Matches(value, each))
                {
                    return true;
                }
            }

            return false;
        }

        if (condition.Contains is { } contains)
        {
            if (value is not JsonArray array)
            {
                return Matches(value, contains);
            }

            foreach (var each in array)
            {
                if (Matches(each, contains))
                {
                    return true;
                }
            }

            return false;
        }

        if (condition.LessThan is { } less)
        {
            return Answers.Number(value) < less;
        }

        if (condition.GreaterThan is { } greater)
        {
            return Answers.Number(value) > greater;
        }

        // anyItem on a field, or a condition with no test: the loader refuses both.
        return false;
    }

    /// <summary>An item's field; "age" falls back to the youngest age of the item's year group.</summary>
    private static JsonNode? FieldValue(Answers item, string field, PackLookup pack)
    {
        var value = item.Raw(field);
        if (field == "age" && !Answers.HasValue(value) && item.GetText("year_group") is { } yearGroup && pack.YearGroup(yearGroup) is { } group)
        {
            return JsonValue.Create((decimal)group.MinAge);
        }

        return value;
    }

    private static bool Matches(JsonNode? value, string expected) => value?.GetValueKind() switch
    {
        JsonValueKind.String => Answers.TextEquals((JsonValue)value, expected),
        JsonValueKind.True => expected == "true",
        JsonValueKind.False => expected == "false",
        JsonValueKind.Number => Answers.Number(value) is { } number
            && decimal.TryParse(expected, NumberStyles.Number, CultureInfo.InvariantCulture, out var other) && number == other,
        _ => false,
    };

    /// <param name="Report">The report's answers.</param>
    /// <param name="Item">Inside anyItem: the item being tested.</param>
    /// <param name="Repeat">Inside anyItem: the repeat step's id.</param>
    private readonly record struct Scope(Answers Report, Answers? Item, string? Repeat);

    private sealed class PackLookup(ContentPack pack)
    {
        private readonly Dictionary<string, HashSet<string>> _fields = pack.Steps
            .Where(s => s.Type == StepType.Repeat)
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Fields.Select(f => f.Id).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        public bool IsField(string repeat, string field) => _fields.TryGetValue(repeat, out var fields) && fields.Contains(field);

        /// <summary>A year group by value, or by title ("Year 7") for answers typed in.</summary>
        public YearGroup? YearGroup(string value) =>
            pack.YearGroups.FirstOrDefault(g => string.Equals(g.Value, value, StringComparison.Ordinal))
            ?? pack.YearGroups.FirstOrDefault(g => string.Equals(g.Title, value.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
