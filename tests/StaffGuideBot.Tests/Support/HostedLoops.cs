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
}
