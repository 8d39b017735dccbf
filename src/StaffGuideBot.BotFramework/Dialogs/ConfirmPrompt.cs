using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>
/// Asks a yes/no question. Typed answers go through <see cref="ConfirmRecognizer"/>; a card may submit
/// <c>true</c>/<c>false</c> (Input.Toggle sends them as the strings "true"/"false") or any text the recognizer reads.
/// </summary>
public class ConfirmPrompt : Prompt<bool>
{
    public ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null)
        : base(dialogId, validator)
    {
    }

    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var input = PromptInput.FromActivity(turnContext.Activity, options.InputId);
        switch (input.CardValue?.ValueKind)
        {
            case JsonValueKind.True:
                return Recognized(true);
            case JsonValueKind.False:
                return Recognized(false);
        }

        return ConfirmRecognizer.Recognize(input.GetString()) is { } answer ? Recognized(answer) : NotRecognized();
    }
}
