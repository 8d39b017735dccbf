using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// A dialog that runs its steps in order. A step usually begins a child dialog or waits for the user (the next step then receives the
/// answer as <see cref="WaterfallStepContext.Result"/>), calls <see cref="WaterfallStepContext.NextAsync"/>, or ends the dialog.
/// The step index, the begin options and <see cref="WaterfallStepContext.Values"/> are saved with the dialog stack,
/// so a conversation continues at the right step after a restart.
/// When the last step finishes without ending the dialog, the dialog ends with that step's result.
/// </summary>
public class WaterfallDialog : Dialog
{
    internal const string OptionsKey = "options";
    internal const string ValuesKey = "values";
    internal const string StepIndexKey = "stepIndex";

    private readonly List<WaterfallStep> _steps = [];

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId)
    {
        if (steps is not null)
        {
            foreach (var step in steps)
            {
                AddStep(step);
            }
        }
    }

    /// <summary>The number of steps.</summary>
    public int StepCount => _steps.Count;

    /// <summary>Appends a step.</summary>
    public WaterfallDialog AddStep(WaterfallStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = RequireActiveInstance(dc).State;
        state[OptionsKey] = options is null ? null : JsonSerializer.SerializeToNode(options, options.GetType(), BotJson.Options);
        state[ValuesKey] = new JsonObject();
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <summary>
    /// The user answered while a step was waiting: the next step runs with the message text as its
    /// result (or, for a card submission without text, the submitted value). Non-message activities are ignored.
    /// </summary>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        if (activity.Type != ActivityTypes.Message)
        {
            return Task.FromResult(EndOfTurn);
        }

        object? answer = string.IsNullOrEmpty(activity.Text) && activity.Value is not null ? activity.Value : activity.Text;
        return ResumeDialogAsync(dc, DialogReason.ContinueCalled, answer, cancellationToken);
    }

    /// <summary>A child dialog ended (or a step called next): the following step runs with <paramref name="result"/>.</summary>
    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var state = RequireActiveInstance(dc).State;
        var index = state[StepIndexKey] is JsonValue value && value.TryGetValue<int>(out var saved) ? saved : 0;
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    /// <summary>Runs one step; override to wrap every step (logging, timing).</summary>
    protected virtual Task<DialogTurnResult> OnStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        return _steps[stepContext.Index](stepContext, cancellationToken);
    }

    private async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var state = RequireActiveInstance(dc).State;
        state[StepIndexKey] = index;
        if (state[ValuesKey] is not JsonObject values)
        {
            values = new JsonObject();
            state[ValuesKey] = values;
        }

        var stepContext = new WaterfallStepContext(this, dc, index, reason, result, state[OptionsKey], values);
        return await OnStepAsync(stepContext, cancellationToken).ConfigureAwait(false);
    }

    private DialogInstance RequireActiveInstance(DialogContext dc) =>
        dc.ActiveDialog is { } instance && instance.Id == Id
            ? instance
            : throw new InvalidOperationException($"Waterfall '{Id}' was called while it was not the active dialog.");
}
