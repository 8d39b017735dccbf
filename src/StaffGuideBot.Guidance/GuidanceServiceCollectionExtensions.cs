using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.Guidance.Bots;

namespace StaffGuideBot.Guidance;

public static class GuidanceServiceCollectionExtensions
{
    /// <summary>What the user reads when a turn fails; the reference lets IT find the log entry.</summary>
    public static string TurnFailedText(string reference) =>
        "Sorry, something went wrong on my side and I could not finish that. Please try again. " +
        "If a child may be at risk, do not wait for me: speak to your Designated Safeguarding Lead now. " +
        $"(Reference for IT: {reference})";

    /// <summary>Registers the bot and its turn error handler.</summary>
    public static IServiceCollection AddGuidance(this IServiceCollection services)
    {
        services.AddSingleton<IBot, GuideBot>();
        services.AddSingleton(sp => new TurnErrorHandler(sp.GetRequiredService<ILogger<TurnErrorHandler>>(), TurnFailedText));
        return services;
    }
}
