namespace StaffGuideBot.Guidance.Content;

/// <summary>A choice of the DSL's decision on informing parents or carers (decisions.yaml <c>parents</c>).</summary>
public sealed record ParentsChoice(string Id, string Title);
