using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.Hosting;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Allegations kept in the outbox because there is no allegations channel yet (this instance's delivery passes find
/// them again after a restart). <c>GET /healthz</c> says whether the channel is set up and whether an allegation is
/// waiting (never how many, nor which), and the log warns once per allegation, without its reference.
/// </summary>
public sealed partial class AllegationsWaiting(DslChannelProvider channel, ILogger<AllegationsWaiting> logger) : IHealthReporter
{
    private readonly ConcurrentDictionary<string, bool> _waiting = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "allegations";

    public bool Any => !_waiting.IsEmpty;

    public void Add(string reference)
    {
        if (_waiting.TryAdd(reference, true))
        {
            LogWaiting(logger);
        }
    }

    public void Remove(string reference) => _waiting.TryRemove(reference, out _);

    public JsonNode Describe() => new JsonObject
    {
        ["channel"] = channel.Allegations.CanPost ? "ready" : "missing",
        ["waiting"] = Any,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "An allegation is waiting in the outbox for the allegations channel: set Dsl:Allegations (channel and roster), or have someone on Dsl:Allegations:Roster say \"register this channel for allegations\" in it. It is never sent to the DSL channel; the reporter was asked to speak to the headteacher directly.")]
    private static partial void LogWaiting(ILogger logger);
}
