using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.BotFramework.Builder;

/// <summary>What the user is told when a turn's changes could not be saved (its replies were never sent).</summary>
public interface ITurnNotSavedHandler
{
    /// <summary>Answers the turn instead of its dropped replies; the turn's unsaved changes are still in its state cache.</summary>
    Task OnTurnNotSavedAsync(ITurnContext turnContext, Exception exception, CancellationToken cancellationToken);
}
