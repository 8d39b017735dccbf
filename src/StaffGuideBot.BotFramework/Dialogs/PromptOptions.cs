using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// What a prompt asks and accepts. Saved (as JSON) with the prompt on the dialog stack, so everything here must
/// serialise with <c>BotJson.Options</c>; after a save <see cref="Validations"/> comes back as a <c>JsonElement</c>.
/// </summary>
public sealed class PromptOptions
{
    /// <summary>The default <see cref="InputId"/>.</summary>
    public const string DefaultInputId = "answer";

    /// <summary>The question (text, or an activity carrying an Adaptive Card). Nothing is sent when null.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Sent instead of <see cref="Prompt"/> after an answer that was not understood or not accepted.</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>The options of a <see cref="ChoicePrompt"/>.</summary>
    public IList<Choice>? Choices { get; set; }

    /// <summary>
    /// How many unusable answers the prompt takes before giving up with <see cref="PromptRetriesExhausted"/>.
    /// Zero or less means no limit.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The card input (the property of a card submission's value) that holds the answer.</summary>
    public string InputId { get; set; } = DefaultInputId;

    /// <summary>
    /// Anything a validator needs (e.g. a range), as a JSON-serialisable class. Validators see the options read back from
    /// the saved prompt, so this is then a <c>JsonElement</c>: read it with <c>BotJson.ConvertOrDefault&lt;T&gt;</c>.
    /// </summary>
    public object? Validations { get; set; }
}

/// <summary>
/// The result a prompt ends with after <see cref="PromptOptions.MaxAttempts"/> answers it could not use.
/// The step after the prompt decides what to do (offer help, hand over to a person, end).
/// </summary>
public sealed record PromptRetriesExhausted(string PromptId, int Attempts);

/// <summary>What a prompt made of the user's answer.</summary>
public sealed class PromptRecognizerResult<T>
{
    public PromptRecognizerResult()
    {
    }

    public PromptRecognizerResult(T value)
    {
        Succeeded = true;
        Value = value;
    }

    /// <summary>True when the answer was understood.</summary>
    public bool Succeeded { get; set; }

    /// <summary>The understood value (meaningful only when <see cref="Succeeded"/>). A validator may replace it.</summary>
    public T? Value { get; set; }
}

/// <summary>Decides whether a recognised answer is acceptable (e.g. an age between 0 and 25).</summary>
/// <returns>True to accept <see cref="PromptValidatorContext{T}.Recognized"/>'s value; false to ask again.</returns>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

/// <summary>What a <see cref="PromptValidator{T}"/> is given.</summary>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext context, PromptRecognizerResult<T> recognized, JsonObject state, PromptOptions options, int attemptCount)
    {
        Context = context;
        Recognized = recognized;
        State = state;
        Options = options;
        AttemptCount = attemptCount;
    }

    /// <summary>The current turn. If the validator sends a message here, the prompt does not send its retry prompt.</summary>
    public ITurnContext Context { get; }

    /// <summary>The recognised answer (always <see cref="PromptRecognizerResult{T}.Succeeded"/>: validators only see understood answers).</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>Free space for the validator, saved with the prompt between turns.</summary>
    public JsonObject State { get; }

    /// <summary>The prompt's options (a copy read from the saved prompt).</summary>
    public PromptOptions Options { get; }

    /// <summary>How many answers the prompt has had, this one included.</summary>
    public int AttemptCount { get; }
}
