namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// Reads a yes or a no from English text ("yes please", "yeah", "no thanks", "not really"…).
/// The answer must start with a yes or a no (after "um", "well" and the like); anything hedged ("maybe", "not sure")
/// or contradictory ("yes and no", "yes, they are not") is not recognised.
/// </summary>
public static class ConfirmRecognizer
{
    private enum Kind
    {
        Yes,
        No,
        Negation,
        Hedge,
        Neutral,
        Filler,
    }

    private const int LongestPhrase = 4;

    private static readonly Dictionary<string, Kind> Phrases = BuildPhrases();

    /// <summary>True for yes, false for no, null when the text is not a clear yes or no.</summary>
    public static bool? Recognize(string? text)
    {
        var tokens = TextNormalizer.Tokens(text);
        var sawYes = false;
        var sawNo = false;
        var sawNegation = false;
        var started = false;
        var i = 0;
        while (i < tokens.Length)
        {
            var (kind, length) = Match(tokens, i);
            if (length == 0)
            {
                if (!started)
                {
                    // The first thing said must be a yes or a no: "he said yes" is not an answer.
                    return null;
                }

                i++;
                continue;
            }

            i += length;
            switch (kind)
            {
                case Kind.Hedge:
                    return null;
                case Kind.Filler when !started:
                case Kind.Neutral:
                    continue;
                case Kind.Yes:
                    sawYes = true;
                    break;
                case Kind.No:
                    sawNo = true;
                    break;
                case Kind.Negation:
                    if (!started)
                    {
                        return null;
                    }

                    sawNegation = true;
                    break;
            }

            started = true;
        }

        if (sawYes && !sawNo && !sawNegation)
        {
            return true;
        }

        if (sawNo && !sawYes)
        {
            return false;
        }

        return null;
    }

    private static (Kind Kind, int Length) Match(string[] tokens, int start)
    {
        for (var length = Math.Min(LongestPhrase, tokens.Length - start); length > 0; length--)
        {
            var phrase = string.Join(' ', tokens, start, length);
            if (Phrases.TryGetValue(phrase, out var kind))
            {
                return (kind, length);
            }
        }

        return (default, 0);
    }

    private static Dictionary<string, Kind> BuildPhrases()
    {
        var phrases = new Dictionary<string, Kind>(StringComparer.Ordinal);
        void Add(Kind kind, params string[] items)
        {
            foreach (var item in items)
            {
                phrases[item] = kind;
            }
        }

        Add(
            Kind.Yes,
            "yes", "y", "yep", "yeah", "yea", "yeh", "yup", "ya", "aye", "sure", "ok", "okay", "k", "kk", "correct", "right", "true",
            "affirmative", "absolutely", "definitely", "certainly", "indeed", "of course", "course", "yes please", "please do",
            "thats right", "that is right", "thats correct", "that is correct", "thats true", "that is true", "i think so", "i do",
            "i am", "it is", "it does", "they are", "they do", "he is", "she is", "he does", "she does", "i have", "go ahead",
            "sounds good", "fine", "alright", "all right", "no problem", "no worries", "yes they are", "why not");
        Add(
            Kind.No,
            "no", "n", "nope", "nah", "naw", "no thanks", "no thank you", "never", "false", "not really", "not at all", "no way",
            "definitely not", "absolutely not", "certainly not", "of course not", "course not", "i dont think so", "dont think so",
            "negative", "incorrect", "wrong", "none", "not yet", "no they arent", "no it isnt");
        Add(
            Kind.Negation,
            "not", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "cant", "cannot", "hasnt", "havent", "shouldnt");
        Add(
            Kind.Hedge,
            "maybe", "perhaps", "possibly", "probably", "might", "not sure", "unsure", "dont know", "i dont know", "dunno", "idk",
            "kind of", "sort of", "kinda", "sorta", "no idea", "either", "both", "or", "unless");
        Add(Kind.Neutral, "please", "thanks", "thank you", "cheers", "ta");
        Add(Kind.Filler, "um", "umm", "erm", "er", "uh", "hmm", "well", "oh", "ah", "so");
        return phrases;
    }
}
