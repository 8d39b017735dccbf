using System.Text;

namespace StaffGuideBot.Guidance.Content;

/// <summary>A content pack was refused. The message lists every problem, one a line, as <c>file:line:column: message</c>.</summary>
public sealed class ContentPackException : Exception
{
    public ContentPackException()
        : this("The content pack could not be loaded.")
    {
    }

    public ContentPackException(string message)
        : base(message)
    {
        Problems = [];
    }

    public ContentPackException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public ContentPackException(string folder, IReadOnlyList<ContentProblem> problems)
        : base(Describe(folder, problems))
    {
        Folder = folder;
        Problems = problems;
    }

    /// <summary>The pack folder as given to the loader.</summary>
    public string? Folder { get; }

    /// <summary>Every problem found, errors and warnings, in file and line order.</summary>
    public IReadOnlyList<ContentProblem> Problems { get; }

    private static string Describe(string folder, IReadOnlyList<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var errors = problems.Count(p => p.IsError);
        var text = new StringBuilder()
            .Append("The content pack in '").Append(folder).Append("' has ")
            .Append(errors == 1 ? "1 error" : $"{errors.ToString(System.Globalization.CultureInfo.InvariantCulture)} errors")
            .Append(':');
        foreach (var problem in problems)
        {
            text.Append('\n').Append(problem);
        }

        return text.ToString();
    }
}
