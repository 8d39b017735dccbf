using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Support;

/// <summary>Metrics for classes a test builds by hand (the host registers its own).</summary>
internal static class TestMeters
{
    private static readonly IMeterFactory Factory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static ReportMetrics ReportMetrics(TimeProvider clock) => new(Factory, clock);
}
