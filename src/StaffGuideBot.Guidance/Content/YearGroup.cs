namespace StaffGuideBot.Guidance.Content;

public sealed record YearGroup(string Value, string Title, int MinAge, int MaxAge);
