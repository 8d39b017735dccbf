using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Builds the Adaptive Card a report is shown with in the DSL channel. Delivery only posts what this returns;
/// the real summary card is registered by <c>AddGuidance</c>'s caller or replaces <see cref="MinimalSummaryCard"/>.
/// </summary>
public interface ISummaryCardFactory
{
    JsonObject Create(Report report, ReportCase reportCase);
}
