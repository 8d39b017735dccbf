using System.Text.Json.Nodes;

namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>A section of <c>GET /healthz</c>, under <see cref="Name"/>. Register as a singleton; must not throw.</summary>
public interface IHealthReporter
{
    string Name { get; }

    JsonNode Describe();
}
