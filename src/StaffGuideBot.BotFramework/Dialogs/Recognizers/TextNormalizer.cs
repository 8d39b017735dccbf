using System.Globalization;
using System.Text;

namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// The one clean-up of typed text, for the recognizers and for the app's own typed words: lower case, apostrophes
/// dropped, punctuation to spaces, single spaces. Compare typed text with a word list by normalising both.
/// </summary>
public static class TextNormalizer
{
    /// <summary>
    /// Lower-cases <paramref name="text"/>, removes apostrophes ("don't" → "dont"), turns every other character that is
    /// not a letter, a digit or one of <paramref name="keep"/> into a space, and collapses runs of spaces.
    /// </summary>
    public static string Normalize(string? text, string keep = "")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text.Normalize(NormalizationForm.FormKC))
        {
            if (raw is '\'' or '\u2019' or '\u2018' or '`')
            {
                continue;
            }

            var c = char.ToLower(raw, CultureInfo.InvariantCulture);
            if (char.IsLetterOrDigit(c) || keep.Contains(c, StringComparison.Ordinal))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(c);
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The words of <paramref name="text"/> after <see cref="Normalize"/>.</summary>
    public static string[] Tokens(string? text, string keep = "")
    {
        var normalized = Normalize(text, keep);
        return normalized.Length == 0 ? [] : normalized.Split(' ');
    }
}
