using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Dialogs;

/// <summary>
/// A test-only dialog that asks one question: it sends <paramref name="question"/> when begun and when asked to
/// reprompt, and ends with the next message's text (trimmed). Blank text and other activities leave it waiting.
/// </summary>
internal sealed class AskDialog(string id, string question) : Dialog(id)
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await dc.Context.SendActivityAsync(question, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        return activity.Type == ActivityTypes.Message && !string.IsNullOrWhiteSpace(activity.Text)
            ? await dc.EndDialogAsync(activity.Text.Trim(), cancellationToken)
            : EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.SendActivityAsync(question, cancellationToken);
    }
}
