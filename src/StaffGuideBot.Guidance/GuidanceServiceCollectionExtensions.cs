using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance;

public static class GuidanceServiceCollectionExtensions
{
    /// <summary>
    /// Loads the content pack named in configuration (throwing <see cref="ContentPackException"/> with every problem
    /// when it is broken, so the bot does not start on bad content) and registers the bot, its flow and reports.
    /// </summary>
    public static IServiceCollection AddGuidance(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(ContentOptions.SectionName).Get<ContentOptions>() ?? new ContentOptions();
        var pack = ContentPackLoader.Load(options.ResolvePackFolder(contentRoot));

        services.AddSingleton(pack);
        services.AddSingleton<IAnswerRules, PackRules>();
        services.AddSingleton(sp => new AnswerReader(pack, new DateTimeRecognizer(sp.GetRequiredService<TimeProvider>(), UkTime.Zone)));
        services.AddSingleton<IReportStore>(sp => new StorageReportStore(sp.GetRequiredService<IStorage>()));
        services.AddOptions<DslOptions>().Bind(configuration.GetSection(DslOptions.SectionName));
        services.AddSingleton(sp => new CaseStore(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new DslOutbox(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<ISummaryCards, PackSummaryCards>();
        // Registered before delivery so that a stored channel registration is in place when delivery starts.
        services.AddSingleton<DslChannelRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<DslChannelRegistration>());
        services.AddSingleton<DslDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<DslDelivery>());
        services.AddSingleton<DslReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<DslReminderService>());
        services.AddSingleton<IDslEscalation, OutboxDslEscalation>();
        services.AddSingleton<ReportSubmitter>();
        services.AddSingleton<ReportDialogFactory>();
        services.AddSingleton(sp => new OpenDrafts(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<IReporterNotifier, ReporterNotifier>();
        services.AddSingleton<DslTriage>();
        services.AddSingleton<DslCommands>();
        services.AddSingleton<GuideBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<GuideBot>());
        services.AddSingleton<DraftReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<DraftReminderService>());
        services.AddSingleton(sp => new TurnErrorHandler(
            sp.GetRequiredService<ILogger<TurnErrorHandler>>(),
            reference => pack.Text(TextKeys.TurnFailed, new Dictionary<string, string> { ["reference"] = reference })));
        return services;
    }
}
