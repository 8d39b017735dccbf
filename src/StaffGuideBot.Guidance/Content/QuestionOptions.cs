namespace StaffGuideBot.Guidance.Content;

public static class QuestionOptions
{
    /// <summary>The answers a choice, multichoice or yes/no question offers, as (value, title) in the pack's words.</summary>
    public static IReadOnlyList<ChoiceOption> For(ContentPack pack, Question question)
    {
        if (question.Type != QuestionType.YesNo)
        {
            return [.. question.Choices.Select(c => c with { Title = pack.Fill(c.Title) })];
        }

        (string Value, string Text)[] answers = [("yes", TextKeys.AnswerYes), ("no", TextKeys.AnswerNo), ("unsure", TextKeys.AnswerUnsure)];
        return [.. answers.Where(a => a.Value != "unsure" || question.AllowUnsure).Select(a => new ChoiceOption(a.Value, pack.Text(a.Text)))];
    }
}
