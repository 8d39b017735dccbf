using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Guidance.Retention;

namespace StaffGuideBot.Guidance;

public static class GuidanceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the bot, its flow, reports and the DSL side, and the content library: the pack named in configuration
    /// is loaded when the host starts (<see cref="ContentWatcher"/>; start-up fails with every problem listed when
    /// the pack is broken and no earlier version was ever live) and reloaded whenever its files change.
    /// </summary>
    public static IServiceCollection AddGuidance(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // The pack's schemas take a while to read; read them while the rest of the host is built.
        PackSchema.ReadInBackground();
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContentOptions>, ContentOptionsValidator>());
        services.AddSingleton(sp => new ContentLibrary(
            configuration.GetSection(ContentOptions.SectionName).Get<ContentOptions>() ?? new ContentOptions(),
            contentRoot,
            sp.GetRequiredService<IStorage>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ContentLibrary>>()));
        services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredService<ContentLibrary>());
        // GET /healthz/ready is degraded while a content change is refused or the DSL's number is a sample, and while
        // a report has waited to reach its channel longer than Dsl:DeliveryWarningAfter.
        services.AddHealthChecks()
            .AddCheck<ContentHealthCheck>("content", tags: [BotFrameworkServiceCollectionExtensions.ReadyTag])
            .AddCheck<DeliveryHealthCheck>("delivery", tags: [BotFrameworkServiceCollectionExtensions.ReadyTag]);
        services.AddSingleton<ContentAlerts>();

        // First of the hosted services: the pack is live before anything else starts.
        services.AddSingleton<ContentWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<ContentWatcher>());
        services.AddSingleton(sp => new DateTimeRecognizer(sp.GetRequiredService<TimeProvider>(), UkTime.Zone));
        services.AddSingleton<IReportStore>(sp => new StorageReportStore(sp.GetRequiredService<IStorage>()));
        services.AddOptions<DslOptions>().Bind(configuration.GetSection(DslOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DslOptions>, DslOptionsValidator>());
        services.AddSingleton<DslChannelProvider>();
        // The business events as metrics (no storage read; the outbox figures come from the delivery passes).
        services.AddMetrics();
        services.AddSingleton<ReportMetrics>();
        services.AddSingleton(sp => new CaseStore(sp.GetRequiredService<IStorage>()));
        services.AddSingleton(sp => new DslOutbox(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<ISummaryCards, PackSummaryCards>();
        // Registered before delivery so that a stored channel registration is in place when delivery starts.
        services.AddSingleton<DslChannelRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<DslChannelRegistration>());
        services.AddSingleton<ReporterUpdates>();
        services.AddSingleton<DslNotInChannelNotifier>();
        services.AddSingleton<AllegationsWaiting>();
        services.AddSingleton<IHealthReporter>(sp => sp.GetRequiredService<AllegationsWaiting>());
        services.AddSingleton<ReportDelivery>();
        services.AddSingleton<DslDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<DslDelivery>());
        services.AddSingleton<DslReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<DslReminderService>());
        services.AddSingleton<IDslEscalation, OutboxDslEscalation>();
        services.AddSingleton(sp => new ReportSubmitter(
            sp.GetRequiredService<IReportStore>(),
            sp.GetRequiredService<IDslEscalation>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DslOptions>>().Value.SchoolHours));
        services.AddSingleton<ReportDialogFactory>();
        services.AddSingleton(sp => new OpenDrafts(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<IReporterNotifier, ReporterNotifier>();
        services.AddSingleton<DslAccess>();
        services.AddSingleton<DslTriage>();
        services.AddSingleton<DslTrends>();
        services.AddSingleton<ReportSearch>();
        services.AddSingleton<DslCommands>();
        services.AddSingleton<GuideBot>();
        services.AddSingleton<IBot>(sp => sp.GetRequiredService<GuideBot>());
        services.AddSingleton<ITurnNotSavedHandler>(sp => sp.GetRequiredService<GuideBot>());
        services.AddSingleton<DraftReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<DraftReminderService>());
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.AddSingleton(sp => new RetentionAudit(sp.GetRequiredService<IStorage>()));
        services.AddSingleton<ReportPurge>();
        services.AddSingleton<RetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        services.AddSingleton(sp =>
        {
            var library = sp.GetRequiredService<ContentLibrary>();
            return new TurnErrorHandler(
                sp.GetRequiredService<ILogger<TurnErrorHandler>>(),
                reference => library.Live.Text(TextKeys.ErrorTurn, new Dictionary<string, string> { ["reference"] = reference }));
        });
        return services;
    }
}
