using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Tells the content admins (<c>Content:Admins</c>) in a 1:1 chat that a change was refused, with its problems:
/// once per change (the refused files' fingerprint is remembered in storage, so a restart doesn't repeat it).
/// </summary>
public sealed partial class ContentAlerts(
    IConnectorClient connector,
    IOptions<ContentOptions> contentOptions,
    DslChannelProvider dslChannel,
    IStorage storage,
    ILogger<ContentAlerts> logger)
{
    private const string Key = "content/alerted";

    /// <summary>At most this many problems are listed in Teams; the log and "content validate" have them all.</summary>
    public const int ProblemsShown = 10;

    /// <summary>Tells each admin about <paramref name="status"/>'s pending change, unless they were told about it already.</summary>
    public async Task TellAdminsAsync(ContentStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Pending is not { } pending)
        {
            return;
        }

        var items = await storage.ReadAsync([Key], cancellationToken);
        if (items.TryGetValue(Key, out var item) && item.Document["fingerprint"]?.GetValue<string>() == pending.Fingerprint)
        {
            return;
        }

        var admins = contentOptions.Value.Admins;
        var dsl = dslChannel.Current;
        if (admins.Count == 0 || string.IsNullOrWhiteSpace(dsl.ServiceUrl))
        {
            LogCannotTell(logger, admins.Count);
        }
        else
        {
            var text = RefusedText(status);
            foreach (var admin in admins)
            {
                try
                {
                    await PersonalMessage.SendAsync(connector, dsl, admin, text, cancellationToken);
                }
                catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
                {
                    LogNotTold(logger, ex.GetType().Name);
                }
            }
        }

        await storage.WriteAsync(new Dictionary<string, StoreItem> { [Key] = new StoreItem(new JsonObject { ["fingerprint"] = pending.Fingerprint }, StoreItem.AnyETag) }, cancellationToken);
    }

    /// <summary>"A change was refused … version x stays live … the problems": the message the admins get.</summary>
    public static string RefusedText(ContentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var pending = status.Pending ?? throw new ArgumentException("Nothing was refused.", nameof(status));
        return status.Live.Text(TextKeys.ContentRefused, new Dictionary<string, string>
        {
            ["number"] = pending.Problems.Count.ToString(CultureInfo.InvariantCulture),
            ["version"] = status.Live.Version,
            ["problems"] = ProblemList(pending.Problems),
        });
    }

    /// <summary>"content status": the live pack and version, when it went live, and any refused change.</summary>
    public static string StatusText(ContentStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var live = status.Live;
        var text = live.Text(TextKeys.ContentStatus, new Dictionary<string, string>
        {
            ["name"] = live.Name,
            ["version"] = live.Version,
            ["time"] = UkTime.Describe(live, status.LoadedAt, now),
        });
        var pending = status.Pending is { } p
            ? live.Text(TextKeys.ContentStatusPending, new Dictionary<string, string>
            {
                ["number"] = p.Problems.Count.ToString(CultureInfo.InvariantCulture),
                ["time"] = UkTime.Describe(live, p.Since, now),
                ["problems"] = ProblemList(p.Problems),
            })
            : live.Text(TextKeys.ContentStatusClean);
        return text + "\n\n" + pending;
    }

    private static string ProblemList(IReadOnlyList<ContentProblem> problems)
    {
        var lines = problems.Take(ProblemsShown).Select(p => "- " + p).ToList();
        if (problems.Count > ProblemsShown)
        {
            lines.Add("- …");
        }

        return string.Join('\n', lines);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refused content change could not be reported in Teams: {Admins} content admin(s) configured (Content:Admins), and the bot needs the DSL channel's service URL (Dsl:ServiceUrl or a registered channel) to reach them.")]
    private static partial void LogCannotTell(ILogger logger, int admins);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A content admin could not be told about a refused content change ({Error}).")]
    private static partial void LogNotTold(ILogger logger, string error);
}
