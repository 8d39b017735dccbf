using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// Typed words or phrases that mean one thing ("continue", "send it"…). Typed text matches after both are cleaned up
/// by <see cref="TextNormalizer.Normalize"/>: case, apostrophes, punctuation and spacing do not matter.
/// </summary>
public sealed class WordList
{
    private readonly string[] _phrases;

    public WordList(params string[] phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        _phrases = [.. phrases.Select(p => TextNormalizer.Normalize(p)).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>True when the whole of <paramref name="text"/> is one of the phrases.</summary>
    public bool Matches(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return _phrases.Contains(normalized, StringComparer.Ordinal);
    }

    /// <summary>True when <paramref name="text"/> is one of the phrases or begins with one ("not sure, sorry").</summary>
    public bool StartsWithAny(string? text)
    {
        var normalized = TextNormalizer.Normalize(text);
        return _phrases.Any(p => normalized == p || normalized.StartsWith(p + " ", StringComparison.Ordinal));
    }
}
