namespace StaffGuideBot.Guidance.Content;

/// <summary>An answer at the top of the DSL's card: a question's, or each item of a repeat step on one line.</summary>
/// <param name="Id">The question or repeat step.</param>
/// <param name="Label">A short label; null: the question's own label.</param>
public sealed record KeyFact(string Id, string? Label = null);
