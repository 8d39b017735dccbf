using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace StaffGuideBot.Hosting;

/// <summary>
/// Turns what configuration throws at start-up into one sentence per problem, naming the setting: the options
/// validators' failures, and a value the configuration binder can't convert (such as "fifteen minutes" for a time).
/// The value itself is never repeated: a misplaced secret must not end up in the log.
/// </summary>
public static partial class ConfigurationProblems
{
    /// <summary>The problems <paramref name="exception"/> describes; empty when it isn't a configuration problem.</summary>
    public static IReadOnlyList<string> From(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all when all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => From(e).Count > 0) =>
            [.. all.InnerExceptions.SelectMany(From)],
        InvalidOperationException conversion when Unconvertible().Match(conversion.Message) is { Success: true } match =>
            [$"{match.Groups["key"].Value} can't be read as {Expected(match.Groups["type"].Value)}."],
        _ => [],
    };

    private static string Expected(string type) => type.Replace("System.Nullable`1[", string.Empty, StringComparison.Ordinal).TrimEnd(']') switch
    {
        "System.TimeSpan" => "a length of time (hours:minutes:seconds, e.g. 00:15:00)",
        "System.DateTimeOffset" or "System.DateTime" => "a date (year-month-day, e.g. 2027-06-30)",
        "System.TimeOnly" => "a time of day (e.g. 08:00)",
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Boolean" => "true or false",
        var other => other,
    };

    // The configuration binder's message: Failed to convert configuration value '…' at 'Section:Key' to type '…'.
    [GeneratedRegex(@"^Failed to convert configuration value '.*' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex Unconvertible();
}
