using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace StaffGuideBot.LoadTest;

/// <summary>Load benchmark of POST /api/messages. Prints exactly one JSON line on stdout; everything else goes to stderr.</summary>
internal static class LoadTestProgram
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(LoadOptions.Usage);
            return 2;
        }

        // A hard bound on the whole run, whatever happens: warm-up + measured phase + start-up and slack.
        using var runLimit = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds + options.Seconds + 120));
        // Ctrl+C or SIGTERM end the run early, and the host is still stopped on the way out.
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            runLimit.Cancel();
        }

        using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return await RunAsync(options, runLimit.Token);
        }
        catch (OperationCanceledException) when (runLimit.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Stopped before the end (interrupted, or the run went over its time limit).");
            return 3;
        }
    }

    private static async Task<int> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var log = Console.Error;
        await using var host = await BotHost.StartAsync(options.Storage, log, cancellationToken);
        using var runner = new LoadRunner(host.BaseAddress, options.Concurrency, options.Mode);
        await runner.WaitUntilHealthyAsync(cancellationToken);
        if (options.WriteScript is { } scriptPath)
        {
            using var client = new HttpClient();
            var turns = await ScriptWriter.WriteAsync(client, new Uri(host.BaseAddress, "/api/messages"), scriptPath, cancellationToken);
            await log.WriteLineAsync($"wrote {scriptPath}: {turns} turns");
            return 0;
        }

        await log.WriteLineAsync($"host pid {host.ProcessId} at {host.BaseAddress}; warming up {options.WarmupSeconds} s with {options.Concurrency} conversations");

        if (options.WarmupSeconds > 0)
        {
            var warmup = await runner.RunPhaseAsync(TimeSpan.FromSeconds(options.WarmupSeconds), 0, cancellationToken);
            await log.WriteLineAsync($"warm-up: {warmup.Turns} turns, {warmup.Errors} errors");
        }

        using var self = Process.GetCurrentProcess();
        var hostCpuBefore = host.CpuTime;
        self.Refresh();
        var selfCpuBefore = self.TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0);
        var machineBefore = MachineCpu.Read();
        var result = await runner.RunPhaseAsync(TimeSpan.FromSeconds(options.Seconds), options.Requests, cancellationToken, options.Reports);
        var machineCores = MachineCpu.CoresBusy(machineBefore, MachineCpu.Read());
        var hostCpu = host.CpuTime - hostCpuBefore;
        self.Refresh();
        var selfCpu = self.TotalProcessorTime - selfCpuBefore;
        foreach (var sample in result.ErrorSamples)
        {
            await log.WriteLineAsync("error: " + sample);
        }

        var stats = LatencyStats.From(result.LatenciesMs);
        var seconds = result.Elapsed.TotalSeconds;
        var line = new Dictionary<string, object>
        {
            ["mode"] = options.Mode,
            ["turnsPerSecond"] = Round(result.Turns / seconds, 1),
            ["p50Ms"] = Round(stats.P50, 3),
            ["p90Ms"] = Round(stats.P90, 3),
            ["p99Ms"] = Round(stats.P99, 3),
            ["maxMs"] = Round(stats.Max, 3),
            ["meanMs"] = Round(stats.Mean, 3),
            ["concurrency"] = options.Concurrency,
            ["requests"] = result.Turns + result.Errors,
            ["errors"] = result.Errors,
            ["failures"] = result.Errors,
            // Report mode: whole reports made in the measured phase, and the host's memory after them.
            ["reportsCompleted"] = result.Reports,
            ["hostRssMb"] = Round(host.ResidentMegabytes, 1),
            ["seconds"] = Round(seconds, 2),
            ["warmupSeconds"] = options.WarmupSeconds,
            ["storage"] = options.Storage,
            // CPU used during the measured phase, in cores (the machine has processorCount): who spent the cores.
            ["serverCpuCores"] = Round(hostCpu.TotalSeconds / seconds, 2),
            ["loadGeneratorCpuCores"] = Round(selfCpu.TotalSeconds / seconds, 2),
            // Cores taken by anything else on the machine meanwhile (other builds and tests share these cores).
            ["otherCpuCores"] = machineCores is { } busy ? Round(Math.Max(0, busy - ((hostCpu + selfCpu).TotalSeconds / seconds)), 2) : -1,
            // CPU per turn is the figure least disturbed by other load on the machine.
            ["serverCpuMsPerTurn"] = result.Turns > 0 ? Round(hostCpu.TotalMilliseconds / result.Turns, 4) : 0,
            ["loadGeneratorCpuMsPerTurn"] = result.Turns > 0 ? Round(selfCpu.TotalMilliseconds / result.Turns, 4) : 0,
            ["loadGeneratorGen0"] = GC.CollectionCount(0) - gcBefore,
            ["processorCount"] = Environment.ProcessorCount,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
        };
        Console.Out.WriteLine(JsonSerializer.Serialize(line));
        return result.Errors == 0 && result.Turns > 0 && (options.Mode != "report" || result.Reports > 0) ? 0 : 1;
    }

    private static double Round(double value, int digits) => double.IsFinite(value) ? Math.Round(value, digits, MidpointRounding.AwayFromZero) : 0;
}
