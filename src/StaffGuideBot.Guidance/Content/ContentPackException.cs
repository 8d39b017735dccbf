using System.Globalization;

namespace StaffGuideBot.Guidance.Content;

/// <summary>A content pack was refused. The message lists every problem, one a line, as <c>file:line:column: message</c>.</summary>
public sealed class ContentPackException(string folder, IReadOnlyList<ContentProblem> problems)
    : Exception(Describe(folder, problems))
{
    public string Folder { get; } = folder;

    /// <summary>Every problem found, errors and warnings, in file and line order.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; } = problems;

    private static string Describe(string folder, IReadOnlyList<ContentProblem> problems)
    {
        var errors = problems.Count(p => p.IsError);
        return string.Create(CultureInfo.InvariantCulture, $"The content pack in '{folder}' has {errors} error{(errors == 1 ? string.Empty : "s")}:")
            + string.Concat(problems.Select(p => "\n" + p));
    }
}
