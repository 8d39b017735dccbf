using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace StaffGuideBot.Guidance.Content;

public static class QuestionOptions
{
    /// <summary>Each pack's options per question, worked out once: a pack never changes (a new version is a new pack).</summary>
    private static readonly ConditionalWeakTable<ContentPack, ConcurrentDictionary<Question, IReadOnlyList<ChoiceOption>>> Cache = [];

    /// <summary>The answers a choice, multichoice or yes/no question offers, as (value, title) in the pack's words.</summary>
    public static IReadOnlyList<ChoiceOption> For(ContentPack pack, Question question)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(question);
        return Cache.GetValue(pack, _ => new ConcurrentDictionary<Question, IReadOnlyList<ChoiceOption>>(ReferenceEqualityComparer.Instance))
            .GetOrAdd(question, static (q, p) => Options(p, q), pack);
    }

    private static IReadOnlyList<ChoiceOption> Options(ContentPack pack, Question question)
    {
        if (question.Type != QuestionType.YesNo)
        {
            return [.. question.Choices.Select(c => c with { Title = pack.Fill(c.Title) })];
        }

        (string Value, string Text)[] answers = [("yes", TextKeys.AnswerYes), ("no", TextKeys.AnswerNo), ("unsure", TextKeys.AnswerUnsure)];
        return [.. answers.Where(a => a.Value != "unsure" || question.AllowUnsure).Select(a => new ChoiceOption(a.Value, pack.Text(a.Text)))];
    }
}
