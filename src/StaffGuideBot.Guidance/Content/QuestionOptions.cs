namespace StaffGuideBot.Guidance.Content;

/// <summary>The answers a question offers, in the pack's words.</summary>
public static class QuestionOptions
{
    /// <summary>The answers a choice, multichoice or yes/no question offers, as (value, title).</summary>
    public static IReadOnlyList<ChoiceOption> For(ContentPack pack, Question question)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(question);
        if (question.Type != QuestionType.YesNo)
        {
            return question.Choices.Select(c => new ChoiceOption { Value = c.Value, Title = pack.Fill(c.Title), Synonyms = c.Synonyms }).ToList();
        }

        var options = new List<ChoiceOption>
        {
            new() { Value = "yes", Title = pack.Text(TextKeys.AnswerYes) },
            new() { Value = "no", Title = pack.Text(TextKeys.AnswerNo) },
        };
        if (question.AllowUnsure)
        {
            options.Add(new ChoiceOption { Value = "unsure", Title = pack.Text(TextKeys.AnswerUnsure) });
        }

        return options;
    }
}
