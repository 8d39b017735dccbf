using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StaffGuideBot.LoadTest;

/// <summary>The outcome of one phase.</summary>
internal sealed record PhaseResult(long Turns, long Errors, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyList<string> ErrorSamples, long Reports = 0);

/// <summary>
/// Drives <c>POST /api/messages</c>: N conversations, each one sequential loop of expectReplies messages with a fresh
/// activity id per request, as real users would send. Every answer must be 200 with exactly one reply activity.
/// Kept lean (pre-encoded bodies, one reusable buffer per conversation) because it shares the cores with the server.
/// </summary>
internal sealed class LoadRunner : IDisposable
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/uk/";
    private const string TenantId = "00000000-0000-4000-8000-00000000a11c";
    private const string ActivityIdPlaceholder = "{{ACTIVITY_ID}}";

    private readonly HttpClient _client;
    private readonly Uri _messages;
    private readonly Conversation[] _conversations;

    private readonly string _mode;

    public LoadRunner(Uri baseAddress, int concurrency, string mode = "greeting")
    {
        _mode = mode;
        var handler = new SocketsHttpHandler
        {
            // One connection per conversation at most, kept for the whole run.
            MaxConnectionsPerServer = concurrency,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(10) };
        _messages = new Uri(baseAddress, "/api/messages");
        var run = Guid.NewGuid().ToString("N")[..8];
        _conversations = [.. Enumerable.Range(0, concurrency).Select(i => new Conversation(run, i))];
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Waits until <c>/healthz</c> answers 200 (storage ready).</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(30 * Stopwatch.Frequency);
        var health = new Uri(_messages, "/healthz");
        while (true)
        {
            try
            {
                using var response = await _client.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
            {
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                throw new InvalidOperationException("The host did not become healthy within 30 s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs every conversation until <paramref name="duration"/> has passed, <paramref name="maxRequests"/> (if &gt; 0)
    /// were sent or, in report mode, <paramref name="maxReports"/> (if &gt; 0) reports were completed.
    /// </summary>
    public async Task<PhaseResult> RunPhaseAsync(TimeSpan duration, long maxRequests, CancellationToken cancellationToken, long maxReports = 0)
    {
        var budget = new RequestBudget(maxRequests);
        var reports = new RequestBudget(maxReports);
        var start = Stopwatch.GetTimestamp();
        var stopAt = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        foreach (var conversation in _conversations)
        {
            conversation.ResetPhase();
        }

        await Task.WhenAll(_conversations.Select(c => Task.Run(
            () => _mode == "report" ? RunReportsAsync(c, stopAt, budget, reports, cancellationToken) : RunConversationAsync(c, stopAt, budget, cancellationToken),
            cancellationToken))).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var latencies = new double[_conversations.Sum(c => c.Latencies.Count)];
        var at = 0;
        foreach (var conversation in _conversations)
        {
            foreach (var ticks in conversation.Latencies)
            {
                latencies[at++] = ticks * 1000.0 / Stopwatch.Frequency;
            }
        }

        return new PhaseResult(
            _conversations.Sum(c => c.Turns),
            _conversations.Sum(c => c.Errors),
            elapsed,
            latencies,
            [.. _conversations.SelectMany(c => c.ErrorSamples).Take(5)],
            _conversations.Sum(c => c.Reports));
    }

    /// <summary>
    /// Report mode: one member of staff after another makes a whole report, each in a new chat: "hi", then every card
    /// answered as <see cref="CardAnswerer"/> would, until the receipt. A turn counts when the bot answers 200 with at
    /// least one reply; a report counts when the answer to "send" carries its reference.
    /// </summary>
    private async Task RunReportsAsync(Conversation conversation, long stopAt, RequestBudget budget, RequestBudget reports, CancellationToken cancellationToken)
    {
        const int MaxTurnsPerReport = 60;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var chat = conversation.NewChat();
        JsonObject? value = null;
        var sent = false;
        var turns = 0;
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < stopAt && !reports.Exhausted && budget.TryTake())
        {
            var body = Encoding.UTF8.GetBytes(ReportActivity(chat, conversation.Index, value));
            using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            var began = Stopwatch.GetTimestamp();
            string? failure = null;
            List<JsonObject> cards = [];
            var text = string.Empty;
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var length = await conversation.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
                text = Encoding.UTF8.GetString(conversation.Buffer, 0, length);
                failure = response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}" : null;
            }
            catch (Exception ex) when ((ex is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                failure = ex.GetType().Name;
            }

            var took = Stopwatch.GetTimestamp() - began;
            if (failure is null)
            {
                var replies = (JsonNode.Parse(text)?["activities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
                cards = [.. replies.SelectMany(r => (r["attachments"] as JsonArray ?? []).OfType<JsonObject>()).Select(a => a["content"]).OfType<JsonObject>()];
                failure = replies.Count == 0 ? "no reply" : null;
            }

            turns++;
            if (failure is null && sent && ReferencePattern.IsMatch(text))
            {
                // The receipt: a whole report made. The next member of staff starts in a new chat.
                conversation.Reports++;
                reports.TryTake();
                chat = conversation.NewChat();
                (value, sent, turns) = (null, false, 0);
            }
            else if (failure is null && CardAnswerer.Answer(cards, today) is { } next && turns < MaxTurnsPerReport)
            {
                value = next;
                sent = next["action"]?.GetValue<string>() == "send";
            }
            else
            {
                failure ??= turns >= MaxTurnsPerReport ? $"no receipt after {MaxTurnsPerReport} turns" : "no card to answer";
                chat = conversation.NewChat();
                (value, sent, turns) = (null, false, 0);
            }

            conversation.Record(took, failure);
        }
    }

    private static readonly System.Text.RegularExpressions.Regex ReferencePattern = new(@"SG-\d{4}-A?\d{4}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>A message in a report chat: "hi" to start, then a card's submission.</summary>
    internal static string ReportActivity(string conversationId, int user, JsonObject? value)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["deliveryMode"] = "expectReplies",
            ["channelId"] = "msteams",
            ["serviceUrl"] = ServiceUrl,
            ["from"] = new JsonObject { ["id"] = $"29:load-user-{user}", ["name"] = $"Load Tester{user}", ["aadObjectId"] = $"load-29:load-user-{user}" },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "StaffGuideBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-GB",
        };
        if (value is null)
        {
            activity["text"] = "hi";
        }
        else
        {
            activity["value"] = value.DeepClone();
        }

        return activity.ToJsonString();
    }

    private async Task RunConversationAsync(Conversation conversation, long stopAt, RequestBudget budget, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < stopAt && budget.TryTake())
        {
            var body = conversation.NextBody();
            using var request = new HttpRequestMessage(HttpMethod.Post, _messages) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
            var began = Stopwatch.GetTimestamp();
            string? failure;
            try
            {
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                var length = await conversation.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
                failure = response.StatusCode != HttpStatusCode.OK
                    ? $"HTTP {(int)response.StatusCode}"
                    : CountReplies(conversation.Buffer.AsSpan(0, length)) is var replies and not 1
                        ? $"{replies} replies instead of 1"
                        : null;
            }
            catch (Exception ex) when ((ex is HttpRequestException or IOException or TaskCanceledException) && !cancellationToken.IsCancellationRequested)
            {
                failure = ex.GetType().Name;
            }

            var took = Stopwatch.GetTimestamp() - began;
            conversation.Record(took, failure);
        }
    }

    /// <summary>The number of items in the top-level <c>activities</c> array of an expectReplies answer; -1 when it is not one.</summary>
    internal static int CountReplies(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isActivities = reader.ValueTextEquals("activities"u8);
                reader.Read();
                if (!isActivities)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return -1;
                }

                var count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    count++;
                    reader.Skip();
                }

                return count;
            }

            return -1;
        }
        catch (JsonException)
        {
            return -1;
        }
    }

    /// <summary>The body of a message activity for one conversation with <see cref="ActivityIdPlaceholder"/> where the id goes.</summary>
    internal static string MessageTemplate(string conversationId, string userId, string userName) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["type"] = "message",
            ["id"] = ActivityIdPlaceholder,
            ["text"] = "hello",
            ["deliveryMode"] = "expectReplies",
            ["channelId"] = "msteams",
            ["serviceUrl"] = ServiceUrl,
            ["from"] = new Dictionary<string, string> { ["id"] = userId, ["name"] = userName, ["aadObjectId"] = "load-" + userId },
            ["recipient"] = new Dictionary<string, string> { ["id"] = "28:bot", ["name"] = "StaffGuideBot" },
            ["conversation"] = new Dictionary<string, string> { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
            ["channelData"] = new Dictionary<string, object> { ["tenant"] = new Dictionary<string, string> { ["id"] = TenantId } },
            ["locale"] = "en-GB",
        });

    /// <summary>One simulated user in a personal chat: its body template, its buffers and its counts.</summary>
    private sealed class Conversation
    {
        private readonly string _run;
        private readonly byte[] _prefix;
        private int _chats;
        private readonly byte[] _suffix;
        private byte[] _body;

        public Conversation(string run, int index)
        {
            _run = run;
            Index = index;
            var template = MessageTemplate($"a:load-{run}-{index}", $"29:load-user-{index}", $"Load Tester{index}");
            var at = template.IndexOf(ActivityIdPlaceholder, StringComparison.Ordinal);
            _prefix = Encoding.UTF8.GetBytes(template[..at]);
            _suffix = Encoding.UTF8.GetBytes(template[(at + ActivityIdPlaceholder.Length)..]);
            _body = new byte[_prefix.Length + 32 + _suffix.Length];
            _prefix.CopyTo(_body, 0);
            _suffix.CopyTo(_body, _prefix.Length + 32);
        }

        public byte[] Buffer { get; private set; } = new byte[16 * 1024];

        public List<long> Latencies { get; private set; } = [];

        public List<string> ErrorSamples { get; private set; } = [];

        public int Index { get; }

        public long Turns { get; set; }

        public long Reports { get; set; }

        /// <summary>Counts a turn: its latency when it succeeded, else the failure (the first few kept as samples).</summary>
        public void Record(long took, string? failure)
        {
            if (failure is null)
            {
                Turns++;
                Latencies.Add(took);
                return;
            }

            Errors++;
            if (ErrorSamples.Count < 3)
            {
                ErrorSamples.Add(failure);
            }
        }

        /// <summary>A new personal chat for this user (report mode: one per report).</summary>
        public string NewChat() => $"a:load-{_run}-{Index}-{++_chats}";

        public long Errors { get; set; }

        public void ResetPhase()
        {
            Latencies = new List<long>(65536);
            ErrorSamples = [];
            Turns = 0;
            Errors = 0;
            Reports = 0;
        }

        /// <summary>The body with a new activity id. A new array each time: the previous request may still hold its content.</summary>
        public byte[] NextBody()
        {
            var body = (byte[])_body.Clone();
            Guid.NewGuid().TryFormat(body.AsSpan(_prefix.Length, 32), out _, "N");
            return body;
        }

        /// <summary>Reads the whole response into <see cref="Buffer"/> (grown when needed) and returns its length.</summary>
        public async Task<int> ReadAsync(HttpContent content, CancellationToken cancellationToken)
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var length = 0;
                while (true)
                {
                    if (length == Buffer.Length)
                    {
                        var bigger = new byte[Buffer.Length * 2];
                        Buffer.AsSpan(0, length).CopyTo(bigger);
                        Buffer = bigger;
                    }

                    var read = await stream.ReadAsync(Buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return length;
                    }

                    length += read;
                }
            }
        }
    }

    /// <summary>A shared bound on the number of requests in a phase (unbounded when 0).</summary>
    private sealed class RequestBudget(long max)
    {
        private long _taken;

        public bool TryTake() => max <= 0 || Interlocked.Increment(ref _taken) <= max;

        /// <summary>True once a bounded budget is all taken.</summary>
        public bool Exhausted => max > 0 && Interlocked.Read(ref _taken) >= max;
    }
}
