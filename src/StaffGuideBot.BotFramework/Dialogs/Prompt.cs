using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// A dialog that asks one question and ends with the answer as a <typeparamref name="T"/>.
/// Begin it with <see cref="DialogContext.PromptAsync"/> and a <see cref="PromptOptions"/>.
/// An answer that is not understood, or that the validator refuses, counts as an attempt and brings the retry prompt;
/// after <see cref="PromptOptions.MaxAttempts"/> such answers the prompt ends with <see cref="PromptRetriesExhausted"/>.
/// Answers are read from card submissions (<see cref="PromptOptions.InputId"/>) and from typed text alike.
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";
    private const string StateKey = "state";

    private readonly PromptValidator<T>? _validator;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId)
    {
        _validator = validator;
    }

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options as PromptOptions
            ?? BotJson.ConvertOrDefault<PromptOptions>(options)
            ?? throw new ArgumentException($"Prompt '{Id}' must be started with PromptOptions (use DialogContext.PromptAsync).", nameof(options));
        ValidateOptions(promptOptions);

        var state = RequireActiveInstance(dc).State;
        state[OptionsKey] = JsonSerializer.SerializeToNode(promptOptions, BotJson.Options);
        state[AttemptsKey] = 0;
        state[StateKey] = new JsonObject();

        // Always send a copy read back from the saved state: the caller's activity is left untouched and
        // every prompt goes out as a fresh activity.
        await OnPromptAsync(dc.Context, GetPromptState(state), ReadOptions(state), isRetry: false, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (dc.Context.Activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var state = RequireActiveInstance(dc).State;
        var options = ReadOptions(state);
        var promptState = GetPromptState(state);
        var recognized = await OnRecognizeAsync(dc.Context, promptState, options, cancellationToken).ConfigureAwait(false);

        var attempts = (state[AttemptsKey] is JsonValue saved && saved.TryGetValue<int>(out var count) ? count : 0) + 1;
        state[AttemptsKey] = attempts;

        var isValid = false;
        var validatorResponded = false;
        if (recognized.Succeeded)
        {
            if (_validator is null)
            {
                isValid = true;
            }
            else
            {
                var respondedBefore = dc.Context.Responded;
                var validatorContext = new PromptValidatorContext<T>(dc.Context, recognized, promptState, options, attempts);
                isValid = await _validator(validatorContext, cancellationToken).ConfigureAwait(false);
                validatorResponded = !respondedBefore && dc.Context.Responded;
            }
        }

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (options.MaxAttempts > 0 && attempts >= options.MaxAttempts)
        {
            return await dc.EndDialogAsync(new PromptRetriesExhausted(Id, attempts), cancellationToken).ConfigureAwait(false);
        }

        if (!validatorResponded)
        {
            await OnPromptAsync(dc.Context, promptState, options, isRetry: true, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    /// <summary>Something interrupted the prompt and has finished: ask the question again and keep waiting.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, RequireActiveInstance(dc), cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(instance);
        return OnPromptAsync(turnContext, GetPromptState(instance.State), ReadOptions(instance.State), isRetry: false, cancellationToken);
    }

    /// <summary>Checks the options when the prompt starts (e.g. that a choice prompt has choices); throws <see cref="ArgumentException"/>.</summary>
    protected virtual void ValidateOptions(PromptOptions options)
    {
    }

    /// <summary>Sends the question: <see cref="PromptOptions.RetryPrompt"/> on a retry when there is one, otherwise <see cref="PromptOptions.Prompt"/>.</summary>
    protected virtual async Task OnPromptAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var activity = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        if (activity is not null)
        {
            await turnContext.SendActivityAsync(activity, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Makes a <typeparamref name="T"/> of the user's answer (see <see cref="PromptInput"/>).</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>A successful recognition of <paramref name="value"/>.</summary>
    protected static Task<PromptRecognizerResult<T>> Recognized(T value) => Task.FromResult(new PromptRecognizerResult<T>(value));

    /// <summary>An answer that was not understood.</summary>
    protected static Task<PromptRecognizerResult<T>> NotRecognized() => Task.FromResult(new PromptRecognizerResult<T>());

    private static PromptOptions ReadOptions(JsonObject state) =>
        state[OptionsKey]?.Deserialize<PromptOptions>(BotJson.Options) ?? new PromptOptions();

    private static JsonObject GetPromptState(JsonObject state)
    {
        if (state[StateKey] is JsonObject promptState)
        {
            return promptState;
        }

        promptState = new JsonObject();
        state[StateKey] = promptState;
        return promptState;
    }

    private DialogInstance RequireActiveInstance(DialogContext dc) =>
        dc.ActiveDialog is { } instance && instance.Id == Id
            ? instance
            : throw new InvalidOperationException($"Prompt '{Id}' was called while it was not the active dialog.");
}
