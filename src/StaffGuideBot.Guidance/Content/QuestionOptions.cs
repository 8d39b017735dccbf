namespace StaffGuideBot.Guidance.Content;

public static class QuestionOptions
{
    /// <summary>The answers a choice, multichoice or yes/no question offers, as (value, title) in the pack's words.</summary>
    public static IReadOnlyList<ChoiceOption> For(ContentPack pack, Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (question.Type != QuestionType.YesNo)
        {
            return [.. question.Choices.Select(c => new ChoiceOption { Value = c.Value, Title = pack.Fill(c.Title), Synonyms = c.Synonyms })];
        }

        List<ChoiceOption> options = [Answer("yes", TextKeys.AnswerYes), Answer("no", TextKeys.AnswerNo)];
        if (question.AllowUnsure)
        {
            options.Add(Answer("unsure", TextKeys.AnswerUnsure));
        }

        return options;

        ChoiceOption Answer(string value, string key) => new() { Value = value, Title = pack.Text(key) };
    }
}
