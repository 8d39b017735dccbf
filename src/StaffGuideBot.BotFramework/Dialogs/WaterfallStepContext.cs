using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// The context of one waterfall step: a <see cref="DialogContext"/> over the waterfall's stack (so a step can begin,
/// end, replace or cancel) plus the step's inputs.
/// </summary>
public sealed class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _waterfall;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog waterfall, DialogContext dc, int index, DialogReason reason, object? result, JsonNode? options, JsonObject values)
        : base(dc)
    {
        _waterfall = waterfall;
        Index = index;
        Reason = reason;
        Result = result;
        Options = options;
        Values = values;
    }

    /// <summary>The zero-based index of this step.</summary>
    public int Index { get; }

    /// <summary>Why this step is running (begin, a child ended, next was called, or the user answered).</summary>
    public DialogReason Reason { get; }

    /// <summary>
    /// What the previous step handed on: the user's answer (the activity's value, or its text), a child dialog's
    /// result, or the value given to <see cref="NextAsync"/>.
    /// A live object of this turn; store what you need in <see cref="Values"/>.
    /// </summary>
    public object? Result { get; }

    /// <summary>The options the waterfall was begun with, as saved JSON (null when there were none). See <see cref="GetOptions{T}"/>.</summary>
    public JsonNode? Options { get; }

    /// <summary>
    /// Values shared by the steps of this waterfall run and saved with the stack between turns.
    /// Set plain values directly (<c>Values["name"] = "Sam"</c>) or objects with <see cref="SetValue{T}"/>.
    /// </summary>
    public JsonObject Values { get; }

    /// <summary>The begin options read as <typeparamref name="T"/> (a fresh copy each call), or default when absent.</summary>
    public T? GetOptions<T>() => Options is null ? default : Options.Deserialize<T>(BotJson.Options);

    /// <summary>Stores <paramref name="value"/> in <see cref="Values"/> as JSON.</summary>
    public void SetValue<T>(string key, T value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        Values[key] = JsonSerializer.SerializeToNode(value, BotJson.Options);
    }

    /// <summary>Reads <see cref="Values"/>[<paramref name="key"/>] as <typeparamref name="T"/>; default when absent.</summary>
    public T? GetValue<T>(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Values.TryGetPropertyValue(key, out var node) && node is not null ? node.Deserialize<T>(BotJson.Options) : default;
    }

    /// <summary>Skips to the next step now, handing it <paramref name="result"/>. May be called once per step.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of waterfall '{_waterfall.Id}'.");
        }

        _nextCalled = true;
        return _waterfall.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken);
    }
}
