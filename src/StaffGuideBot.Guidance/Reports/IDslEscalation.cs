namespace StaffGuideBot.Guidance.Reports;

/// <summary>Hands a stored report to the DSL team.</summary>
public interface IDslEscalation
{
    Task HandOffAsync(Report report, CancellationToken cancellationToken = default);
}
