namespace StaffGuideBot.Guidance.Content;

public enum QuestionType
{
    Text,
    LongText,
    Choice,
    MultiChoice,
    YesNo,
    Number,
    Date,
    Time,
    Toggle,
}
