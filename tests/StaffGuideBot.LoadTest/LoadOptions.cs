using System.Globalization;

namespace StaffGuideBot.LoadTest;

/// <summary>What to run: <c>--mode</c>, <c>--concurrency</c>, <c>--seconds</c>, <c>--warmup-seconds</c>, <c>--requests</c>, <c>--reports</c>, <c>--storage</c>.</summary>
internal sealed record LoadOptions
{
    public const string Usage =
        "usage: StaffGuideBot.LoadTest [--mode report|greeting (report)] [--concurrency N (16)] [--seconds S (20)] " +
        "[--warmup-seconds S (5)] [--requests N (0 = no limit)] [--reports N (0 = no limit)] [--storage sqlite|memory (sqlite)] [--write-script FILE]";

    /// <summary>
    /// <c>report</c>: each conversation makes whole reports, reading each card and answering it; <c>greeting</c>:
    /// each sends "hello" over and over (the cheapest turn).
    /// </summary>
    public string Mode { get; init; } = "report";

    /// <summary>When set: walk one report, write it as a benchmark script (<c>BOT_SCRIPT</c>) to this file, and stop.</summary>
    public string? WriteScript { get; init; }

    /// <summary>Report mode: stop the measured phase once this many reports are completed (0: no limit), e.g. to read memory after N reports.</summary>
    public long Reports { get; init; }

    /// <summary>Concurrent conversations; each is one sequential loop.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Length of the measured phase.</summary>
    public double Seconds { get; init; } = 20;

    /// <summary>Length of the warm-up phase (same traffic, not measured).</summary>
    public double WarmupSeconds { get; init; } = 5;

    /// <summary>Stop the measured phase after this many requests (0: only the duration bounds it).</summary>
    public long Requests { get; init; }

    /// <summary><c>sqlite</c> (a temp file) or <c>memory</c>, for comparison.</summary>
    public string Storage { get; init; } = "sqlite";

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a readable message when they are wrong.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (++i >= args.Count)
                {
                    throw new ArgumentException($"{name} needs a value.");
                }

                return args[i];
            }

            options = name switch
            {
                "--concurrency" => options with { Concurrency = (int)Number(name, Value(), 1, 4096) },
                "--seconds" => options with { Seconds = Number(name, Value(), 0.1, 3600) },
                "--warmup-seconds" => options with { WarmupSeconds = Number(name, Value(), 0, 600) },
                "--requests" => options with { Requests = (long)Number(name, Value(), 0, 100_000_000) },
                "--storage" => options with { Storage = StorageName(Value()) },
                "--write-script" => options with { WriteScript = Value() },
                "--mode" => options with { Mode = ModeName(Value()) },
                "--reports" => options with { Reports = (long)Number(name, Value(), 0, 10_000_000) },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'."),
            };
        }

        return options;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static double Number(string name, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value;
    }

    private static string ModeName(string text) => text.ToUpperInvariant() switch
    {
        "REPORT" => "report",
        "GREETING" => "greeting",
        _ => throw new ArgumentException("--mode must be report or greeting."),
    };

    private static string StorageName(string text) => text.ToUpperInvariant() switch
    {
        "SQLITE" => "sqlite",
        "MEMORY" => "memory",
        _ => throw new ArgumentException("--storage must be sqlite or memory."),
    };
}
