using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace StaffGuideBot.Tests.Support;

public static class HostedLoops
{
    /// <summary>
    /// Takes a background service's own loop out of the host for a test that calls its passes itself: with a fake
    /// clock, moving the clock fires the loop's timer, and its pass would race the test's. The service itself stays
    /// registered. Fails when no loop of <typeparamref name="T"/> is registered, so a changed registration is noticed.
    /// </summary>
    public static void RemoveHostedLoop<T>(this IServiceCollection services)
        where T : IHostedService
    {
        var loops = services
            .Where(d => d.ServiceType == typeof(IHostedService)
                && (d.ImplementationType == typeof(T) || d.ImplementationFactory?.Method.ReturnType == typeof(T)))
            .ToList();
        if (loops.Count == 0)
        {
            throw new InvalidOperationException($"No hosted service of type {typeof(T).Name} is registered.");
        }

        foreach (var loop in loops)
        {
            services.Remove(loop);
        }
    }

    /// <summary>
    /// Takes out the loops of every pass that acts on reports and drafts over time (retention, DSL reminders,
    /// delivery, draft reminders), for a test that moves a fake clock by days and runs the passes it needs itself.
    /// </summary>
    public static void RemoveReportLoops(this IServiceCollection services)
    {
        services.RemoveHostedLoop<Guidance.Retention.RetentionService>();
        services.RemoveHostedLoop<Guidance.Dsl.DslReminderService>();
        services.RemoveHostedLoop<Guidance.Dsl.DslDelivery>();
        services.RemoveHostedLoop<Guidance.Bots.DraftReminderService>();
    }
}
