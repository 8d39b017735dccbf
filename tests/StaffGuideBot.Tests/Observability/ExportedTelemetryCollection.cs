namespace StaffGuideBot.Tests.Observability;

/// <summary>
/// The exporter tests run on their own: the bot's meter and activity source have one name in the process, so what
/// other tests' hosts do at the same time would be counted with theirs.
/// </summary>
[CollectionDefinition(nameof(ExportedTelemetryTests), DisableParallelization = true)]
public sealed class ExportedTelemetryCollection;
