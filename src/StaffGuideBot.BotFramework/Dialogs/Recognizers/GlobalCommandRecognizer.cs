namespace StaffGuideBot.BotFramework.Dialogs.Recognizers;

/// <summary>
/// Recognises the few commands a user can type at any point (<see cref="GlobalCommand.Cancel"/>,
/// <see cref="GlobalCommand.StartAgain"/>) from phrases the caller gives: this layer holds no words of any language.
/// The whole message must be one of the phrases, give or take case, spacing, punctuation and one of the caller's
/// polite words at either end ("please"), so an answer that merely contains the word is not a command.
/// </summary>
public sealed class GlobalCommandRecognizer
{
    private readonly Dictionary<string, GlobalCommand> _commands = new(StringComparer.Ordinal);
    private readonly HashSet<string> _polite = new(StringComparer.Ordinal);

    /// <param name="cancel">Phrases that abandon what is under way.</param>
    /// <param name="startAgain">Phrases that abandon what is under way and begin afresh.</param>
    /// <param name="polite">Words that may come before or after a phrase without changing it.</param>
    /// <exception cref="ArgumentException">A phrase is empty once normalised, or is given for both commands.</exception>
    public GlobalCommandRecognizer(IEnumerable<string> cancel, IEnumerable<string> startAgain, IEnumerable<string>? polite = null)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        ArgumentNullException.ThrowIfNull(startAgain);
        Add(cancel, GlobalCommand.Cancel);
        Add(startAgain, GlobalCommand.StartAgain);
        foreach (var word in polite ?? [])
        {
            _polite.Add(TextNormalizer.Normalize(word));
        }
    }

    /// <summary>The command <paramref name="text"/> is, or <see cref="GlobalCommand.None"/>.</summary>
    public GlobalCommand Recognize(string? text)
    {
        var tokens = TextNormalizer.Tokens(text).ToList();
        if (tokens.Count > 0 && _polite.Contains(tokens[0]))
        {
            tokens.RemoveAt(0);
        }

        if (tokens.Count > 0 && _polite.Contains(tokens[^1]))
        {
            tokens.RemoveAt(tokens.Count - 1);
        }

        return _commands.GetValueOrDefault(string.Join(' ', tokens), GlobalCommand.None);
    }

    private void Add(IEnumerable<string> phrases, GlobalCommand command)
    {
        foreach (var phrase in phrases)
        {
            var key = TextNormalizer.Normalize(phrase);
            if (key.Length == 0)
            {
                throw new ArgumentException("A command phrase has no words.", command == GlobalCommand.Cancel ? "cancel" : "startAgain");
            }

            if (_commands.TryGetValue(key, out var other) && other != command)
            {
                throw new ArgumentException($"'{phrase}' is given for both {other} and {command}.", command == GlobalCommand.Cancel ? "cancel" : "startAgain");
            }

            _commands[key] = command;
        }
    }
}
