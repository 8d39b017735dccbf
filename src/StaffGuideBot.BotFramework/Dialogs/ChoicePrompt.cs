using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>; ends with a <see cref="FoundChoice"/>.
/// Typed answers go through <see cref="ChoiceRecognizer"/> (value, title, synonym, number, ordinal, partial words);
/// a card (Input.ChoiceSet) submits the choice's value. With a text prompt the choices are listed in the message
/// according to <see cref="Style"/>.
/// </summary>
public class ChoicePrompt : Prompt<FoundChoice>
{
    public ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null)
        : base(dialogId, validator)
    {
    }

    /// <summary>How the choices are added to the prompt's text.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    protected override void ValidateOptions(PromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Choices is not { Count: > 0 })
        {
            throw new ArgumentException($"Choice prompt '{Id}' needs PromptOptions.Choices.", nameof(options));
        }
    }

    protected override Task OnPromptAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var activity = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        if (activity is not null && options.Choices is { Count: > 0 } choices)
        {
            activity.Text = AppendChoices(activity, choices, Style);
        }

        return base.OnPromptAsync(turnContext, state, options, isRetry, cancellationToken);
    }

    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var choices = options.Choices?.ToList() ?? [];
        var input = PromptInput.FromActivity(turnContext.Activity, options.InputId);
        if (input.CardValue is { ValueKind: not (JsonValueKind.String or JsonValueKind.Number) })
        {
            return NotRecognized();
        }

        return ChoiceRecognizer.Recognize(input.GetString(), choices) is { } found ? Recognized(found) : NotRecognized();
    }

    private static string? AppendChoices(Activity activity, IList<Choice> choices, ListStyle style)
    {
        if (style == ListStyle.Auto)
        {
            if (activity.Attachments is { Count: > 0 })
            {
                return activity.Text;
            }

            style = choices.Count <= 3 && choices.All(c => Display(c).Length <= 20) ? ListStyle.Inline : ListStyle.List;
        }

        if (style == ListStyle.None)
        {
            return activity.Text;
        }

        var builder = new StringBuilder(activity.Text);
        if (style == ListStyle.Inline)
        {
            builder.Append(builder.Length > 0 ? " " : string.Empty);
            for (var i = 0; i < choices.Count; i++)
            {
                var separator = i == 0 ? string.Empty : i == choices.Count - 1 ? " or " : ", ";
                builder.Append(CultureInfo.InvariantCulture, $"{separator}({i + 1}) {Display(choices[i])}");
            }
        }
        else
        {
            for (var i = 0; i < choices.Count; i++)
            {
                builder.Append(builder.Length > 0 ? "\n\n" : string.Empty);
                builder.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Display(choices[i])}");
            }
        }

        return builder.ToString();
    }

    private static string Display(Choice choice) => string.IsNullOrWhiteSpace(choice.Title) ? choice.Value : choice.Title;
}
