using System.Globalization;
using System.Text.RegularExpressions;

namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// Finds which of a list of choices English text picks, trying in turn:
/// <list type="number">
/// <item>the whole text is a choice's value, title or synonym;</item>
/// <item>a position: "2", "number 2", "option 2", "#2", "two", "second", "2nd", "the second one", "last", "the last one";</item>
/// <item>a partial match on whole words that fits exactly one choice ("police" for "Refer to police").</item>
/// </list>
/// Case, spacing and punctuation do not matter. Text that fits several choices equally, or none, is not recognised.
/// </summary>
public static partial class ChoiceRecognizer
{
    private static readonly string[] OrdinalWords =
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"];

    private static readonly HashSet<string> PositionFillers = new(StringComparer.Ordinal)
    {
        "the", "option", "options", "number", "no", "choice", "item", "please", "pick", "choose", "select", "i", "id", "ill", "like", "want", "take", "go", "for", "with",
    };

    private static readonly HashSet<string> PartialStopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "please", "i", "id", "ill", "im", "want", "would", "like", "to", "of", "and", "for", "it", "its", "is",
        "my", "me", "thanks", "thank", "you", "choose", "pick", "select", "go", "with", "that", "this", "one", "option", "should", "we",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "dont", "never", "without", "except", "isnt", "wont", "cant", "neither", "nor",
    };

    /// <summary>The choice <paramref name="text"/> picks, or null.</summary>
    public static FoundChoice? Recognize(string? text, IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var input = TextNormalizer.Normalize(text, keep: "#");
        if (input.Length == 0 || choices.Count == 0)
        {
            return null;
        }

        return MatchExact(input, choices) ?? MatchPosition(input, choices) ?? MatchPartial(input, choices);
    }

    private static FoundChoice? MatchExact(string input, IReadOnlyList<Choice> choices)
    {
        var plain = input.Replace("#", string.Empty, StringComparison.Ordinal).Trim();
        for (var i = 0; i < choices.Count; i++)
        {
            foreach (var candidate in Texts(choices[i]))
            {
                if (TextNormalizer.Normalize(candidate) == plain)
                {
                    return new FoundChoice { Value = choices[i].Value, Index = i, Score = 1.0, Synonym = candidate };
                }
            }
        }

        return null;
    }

    private static FoundChoice? MatchPosition(string input, IReadOnlyList<Choice> choices)
    {
        // "#2" and "no.2" read as "2".
        var tokens = input.Replace("#", " ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(token => !PositionFillers.Contains(token))
            .ToList();

        // "the second one", "last one": "one" after a position word is only a filler.
        if (tokens.Count == 2 && tokens[1] == "one" && IsPositionWord(tokens[0]))
        {
            tokens.RemoveAt(1);
        }

        if (tokens.Count != 1)
        {
            return null;
        }

        var position = ParsePosition(tokens[0], choices.Count);
        return position is { } index && index >= 0 && index < choices.Count
            ? new FoundChoice { Value = choices[index].Value, Index = index, Score = 1.0 }
            : null;
    }

    private static bool IsPositionWord(string token) =>
        token is "last" or "final" || Array.IndexOf(OrdinalWords, token) >= 0 || OrdinalDigits().IsMatch(token);

    /// <summary>The zero-based index <paramref name="token"/> names, or null.</summary>
    private static int? ParsePosition(string token, int count)
    {
        if (token is "last" or "final")
        {
            return count - 1;
        }

        var ordinal = Array.IndexOf(OrdinalWords, token);
        if (ordinal >= 0)
        {
            return ordinal;
        }

        if (OrdinalDigits().Match(token) is { Success: true } match)
        {
            return int.Parse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture) - 1;
        }

        if (NumberRecognizer.TryParseSingle(token, out var number) && number == decimal.Truncate(number) && number is >= 1 and <= int.MaxValue)
        {
            return (int)number - 1;
        }

        return null;
    }

    private static FoundChoice? MatchPartial(string input, IReadOnlyList<Choice> choices)
    {
        var inputWords = input.Replace("#", " ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (inputWords.Any(Negations.Contains))
        {
            // "not the police" must not pick "Police".
            return null;
        }

        var inputSet = inputWords.ToHashSet(StringComparer.Ordinal);
        var inputKeywords = inputWords.Where(word => !PartialStopWords.Contains(word)).ToHashSet(StringComparer.Ordinal);
        if (inputKeywords.Count == 0)
        {
            return null;
        }

        FoundChoice? found = null;
        for (var i = 0; i < choices.Count; i++)
        {
            FoundChoice? best = null;
            foreach (var candidate in Texts(choices[i]))
            {
                var words = TextNormalizer.Tokens(candidate);
                var wordSet = words.ToHashSet(StringComparer.Ordinal);
                var keywords = words.Where(word => !PartialStopWords.Contains(word)).ToHashSet(StringComparer.Ordinal);
                double score;
                if (inputKeywords.IsSubsetOf(wordSet))
                {
                    // What was typed is part of the choice: "police" for "Refer to police".
                    score = (double)inputKeywords.Count / Math.Max(1, keywords.Count);
                }
                else if (keywords.Count > 0 && keywords.IsSubsetOf(inputSet))
                {
                    // The choice is part of what was typed: "I'd refer it to the police" for "Refer to police".
                    score = (double)keywords.Count / inputKeywords.Count;
                }
                else
                {
                    continue;
                }

                score = Math.Min(score, 0.99);
                if (best is null || score > best.Score)
                {
                    best = new FoundChoice { Value = choices[i].Value, Index = i, Score = score, Synonym = candidate };
                }
            }

            if (best is null)
            {
                continue;
            }

            if (found is not null)
            {
                // More than one choice fits: ambiguous.
                return null;
            }

            found = best;
        }

        return found;
    }

    private static IEnumerable<string> Texts(Choice choice)
    {
        if (!string.IsNullOrWhiteSpace(choice.Value))
        {
            yield return choice.Value;
        }

        if (!string.IsNullOrWhiteSpace(choice.Title))
        {
            yield return choice.Title;
        }

        if (choice.Synonyms is not null)
        {
            foreach (var synonym in choice.Synonyms)
            {
                if (!string.IsNullOrWhiteSpace(synonym))
                {
                    yield return synonym;
                }
            }
        }
    }

    [GeneratedRegex(@"^(\d{1,3})(?:st|nd|rd|th)$", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalDigits();
}
