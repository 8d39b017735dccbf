namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>An option a user can pick (see <see cref="Recognizers.ChoiceRecognizer"/>).</summary>
public sealed class Choice
{
    public Choice()
    {
    }

    public Choice(string value, string? title = null, IEnumerable<string>? synonyms = null)
    {
        Value = value;
        Title = title;
        if (synonyms is not null)
        {
            Synonyms = [.. synonyms];
        }
    }

    /// <summary>The value returned when this choice is picked (and what an Adaptive Card Input.ChoiceSet should submit).</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>What the user is shown, when different from <see cref="Value"/>; also matched when typed.</summary>
    public string? Title { get; set; }

    /// <summary>Other words or phrases that pick this choice.</summary>
    public IList<string>? Synonyms { get; set; }
}
