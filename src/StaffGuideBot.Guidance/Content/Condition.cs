namespace StaffGuideBot.Guidance.Content;

/// <summary>A test over a report's answers (see "Conditions" in dialogs/README.md).</summary>
public abstract class Condition;
