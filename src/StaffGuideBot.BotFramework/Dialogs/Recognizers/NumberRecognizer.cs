using System.Globalization;
using System.Text.RegularExpressions;

namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// Reads one number from English text: digits ("14", "3.5", "1,000", "-2") or words ("fourteen", "twenty-one",
/// "a hundred", "one hundred and five", "two thousand and twenty six"), with any words around it
/// ("14 years old", "aged 14"). Text with no number, or with two different numbers, is not recognised.
/// </summary>
public static partial class NumberRecognizer
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["nought"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> Scales = new(StringComparer.Ordinal)
    {
        ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000,
    };

    /// <summary>The single number in <paramref name="text"/>, or null.</summary>
    public static decimal? Recognize(string? text)
    {
        var found = FindAll(text);
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>Every distinct number in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<decimal> FindAll(string? text)
    {
        var tokens = Tokenize(text);
        var results = new List<decimal>();
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (TryParseDigits(token, out var digits))
            {
                AddDistinct(results, digits);
                i++;
                continue;
            }

            var consumed = TryParseWords(tokens, i, out var words);
            if (consumed > 0)
            {
                AddDistinct(results, words);
                i += consumed;
                continue;
            }

            i++;
        }

        return results;
    }

    /// <summary>True when the whole of <paramref name="token"/> is a number in words or digits (used for "option two").</summary>
    internal static bool TryParseSingle(string token, out decimal value)
    {
        if (TryParseDigits(token, out value))
        {
            return true;
        }

        var tokens = Tokenize(token);
        return TryParseWords(tokens, 0, out value) == tokens.Count && tokens.Count > 0;
    }

    private static void AddDistinct(List<decimal> results, decimal value)
    {
        if (!results.Contains(value))
        {
            results.Add(value);
        }
    }

    private static List<string> Tokenize(string? text)
    {
        // Keep the characters numbers are written with; split letters from digits ("14yo", "3kg") and hyphenated words.
        var normalized = TextNormalizer.Normalize(text, keep: ".,-");
        var tokens = new List<string>();
        foreach (var word in normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (Match part in TokenPart().Matches(word))
            {
                tokens.Add(part.Value);
            }
        }

        return tokens;
    }

    private static bool TryParseDigits(string token, out decimal value)
    {
        value = 0;
        if (!DigitNumber().IsMatch(token))
        {
            return false;
        }

        return decimal.TryParse(token.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads a number in words starting at <paramref name="start"/>; returns how many tokens it used (0 when none).</summary>
    private static int TryParseWords(List<string> tokens, int start, out decimal value)
    {
        value = 0;
        long total = 0;        // completed thousands/millions
        long group = 0;        // the part below the current scale (up to 999)
        var lastScale = long.MaxValue;
        var used = 0;          // tokens that belong to the number so far
        var sawNumber = false;
        var lastWasUnit = false;  // a unit or teen ends a group of tens: "twenty one", not "one two"
        var lastWasTens = false;
        var hundredInGroup = false;
        var i = start;

        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (Units.TryGetValue(token, out var unit))
            {
                if (lastWasUnit || (lastWasTens && unit >= 10) || (group % 100 != 0 && !lastWasTens))
                {
                    break;
                }

                group += unit;
                lastWasUnit = true;
                lastWasTens = false;
            }
            else if (Tens.TryGetValue(token, out var tens))
            {
                if (lastWasUnit || lastWasTens || group % 100 != 0)
                {
                    break;
                }

                group += tens;
                lastWasTens = true;
                lastWasUnit = false;
            }
            else if (token == "hundred")
            {
                if (hundredInGroup || group > 9)
                {
                    break;
                }

                group = (group == 0 ? 1 : group) * 100;
                hundredInGroup = true;
                lastWasUnit = lastWasTens = false;
            }
            else if (Scales.TryGetValue(token, out var scale))
            {
                if (scale >= lastScale)
                {
                    break;
                }

                total += (group == 0 ? 1 : group) * scale;
                group = 0;
                lastScale = scale;
                hundredInGroup = false;
                lastWasUnit = lastWasTens = false;
            }
            else if ((token is "a" or "an") && !sawNumber && i + 1 < tokens.Count && (tokens[i + 1] == "hundred" || Scales.ContainsKey(tokens[i + 1])))
            {
                // "a hundred", "a thousand": the article stands for one.
                i++;
                continue;
            }
            else if (token == "and" && sawNumber && i + 1 < tokens.Count && (Units.ContainsKey(tokens[i + 1]) || Tens.ContainsKey(tokens[i + 1]))
                     && (hundredInGroup || total > 0) && group % 100 == 0)
            {
                // "one hundred and five", "two thousand and twenty six".
                i++;
                continue;
            }
            else
            {
                break;
            }

            sawNumber = true;
            i++;
            used = i - start;
        }

        if (!sawNumber)
        {
            return 0;
        }

        value = total + group;
        return used;
    }

    [GeneratedRegex(@"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DigitNumber();

    [GeneratedRegex(@"-?\d[\d.,]*\d|-?\d|[^\d\-.,]+", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPart();
}
