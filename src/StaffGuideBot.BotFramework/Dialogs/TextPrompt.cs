using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;

namespace StaffGuideBot.BotFramework.Dialogs;

/// <summary>Asks for free text. Any non-blank answer is recognised (trimmed); a card input that is a number or boolean gives its JSON text.</summary>
public class TextPrompt : Prompt<string>
{
    public TextPrompt(string dialogId, PromptValidator<string>? validator = null)
        : base(dialogId, validator)
    {
    }

    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var text = PromptInput.FromActivity(turnContext.Activity, options.InputId).GetString()?.Trim();
        return string.IsNullOrEmpty(text) ? NotRecognized() : Recognized(text);
    }
}
