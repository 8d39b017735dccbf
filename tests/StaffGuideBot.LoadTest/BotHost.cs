using System.Diagnostics;
using System.Runtime.InteropServices;

namespace StaffGuideBot.LoadTest;

/// <summary>
/// The real host (StaffGuideBot.dll beside this tool) as a child process: local mode, loopback only, a free port
/// chosen by Kestrel (port 0), state in a temp directory, logs at Warning. The process is killed on dispose and
/// the temp directory removed.
/// </summary>
internal sealed class BotHost : IAsyncDisposable
{
    private const string ListeningMarker = "Now listening on: ";

    private readonly Process _process;
    private readonly string _tempDirectory;
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BotHost(Process process, string tempDirectory)
    {
        _process = process;
        _tempDirectory = tempDirectory;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;

    /// <summary>The host's resident memory now, in MB.</summary>
    public double ResidentMegabytes
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / (1024.0 * 1024.0);
        }
    }

    /// <summary>CPU time the host has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<BotHost> StartAsync(string storage, TextWriter log, CancellationToken cancellationToken)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "StaffGuideBot.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"The host was not found at {hostDll}; build the solution first.");
        }

        var tempDirectory = Directory.CreateTempSubdirectory("staffguidebot-load-").FullName;
        var start = new ProcessStartInfo(DotnetMuxer())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
        [
            "exec", hostDll,
            // Kestrel picks a free port; the real address is read from the lifetime log line below.
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            // Local mode: no app id, anonymous requests from loopback only.
            "--MicrosoftAppId=",
            "--Storage:Provider=" + (storage == "memory" ? "Memory" : "Sqlite"),
            "--Storage:SqlitePath=" + Path.Combine(tempDirectory, "state.db"),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            "--Logging:LogLevel:System.Net.Http.HttpClient=Warning",
            // Only the one start-up line that tells the bound address.
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("URLS");
        start.Environment.Remove("MicrosoftAppId");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new BotHost(process, tempDirectory);
        process.OutputDataReceived += (_, e) => host.OnOutput(e.Data, log);
        process.ErrorDataReceived += (_, e) => host.OnOutput(e.Data, log);
        process.Exited += (_, _) => host._address.TrySetException(new InvalidOperationException($"The host exited with code {process.ExitCode} before it was ready."));
        // Should this tool be stopped (SIGTERM, Ctrl+C), the host goes with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => host.KillQuietly();
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            host.BaseAddress = await host._address.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_tempDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; it is under the temp directory.
        }
    }

    private void KillQuietly()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Not started, already gone or disposed.
        }
    }

    private void OnOutput(string? line, TextWriter log)
    {
        if (line is null)
        {
            return;
        }

        var at = line.IndexOf(ListeningMarker, StringComparison.Ordinal);
        if (at >= 0 && Uri.TryCreate(line[(at + ListeningMarker.Length)..].Trim(), UriKind.Absolute, out var address))
        {
            _address.TrySetResult(address);
            return;
        }

        // Everything else the host says (warnings and errors only) goes to stderr; stdout is kept for the result line.
        lock (log)
        {
            log.WriteLine("[host] " + line);
        }
    }

    /// <summary>The <c>dotnet</c> executable that runs this tool (the host is run with the same runtime).</summary>
    private static string DotnetMuxer()
    {
        var name = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } current && string.Equals(Path.GetFileName(current), name, StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var root = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var candidate = Path.Combine(root, name);
        return File.Exists(candidate) ? candidate : name;
    }
}
