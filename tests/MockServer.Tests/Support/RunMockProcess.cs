using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace MockServer.Tests.Support;

/// <summary>
/// ./run-mock.sh as a child process on a free port (--port 0). Ready when it prints where it listens (the
/// readiness signal; no sleeping). Disposing kills the whole process tree.
/// </summary>
public sealed partial class RunMockProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _url;

    private RunMockProcess(Process process) => _process = process;

    public Uri BaseUrl { get; private set; } = null!;

    public Process Process => _process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "run-mock.sh"))) return dir.FullName;
        throw new InvalidOperationException("run-mock.sh not found above the test assembly.");
    }

    /// <summary>Runs the script with arguments and waits for it to exit (for --help and bad options).</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] args)
    {
        await using var run = Start(args);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await run._process.WaitForExitAsync(timeout.Token);
        run._process.WaitForExit(); // flushes the output readers
        return (run._process.ExitCode, run.Output);
    }

    public static async Task<RunMockProcess> StartListeningAsync(params string[] args)
    {
        var run = Start(["--port", "0", .. args]);
        try
        {
            // The first run may publish the server (tens of seconds on a busy machine).
            var exited = run._process.WaitForExitAsync();
            var first = await Task.WhenAny(run._listening.Task, exited).WaitAsync(TimeSpan.FromMinutes(5));
            if (first != run._listening.Task) throw new InvalidOperationException($"run-mock.sh exited early:\n{run.Output}");
            run.BaseUrl = await run._listening.Task;
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    private static RunMockProcess Start(string[] args)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "run-mock.sh"))
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var run = new RunMockProcess(process);
        process.OutputDataReceived += (_, e) => run.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => run.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        // The server prints where it listens, then what it accepts, and "Press Ctrl-C to stop." last.
        var match = ListeningLine().Match(line);
        if (match.Success) _url = new Uri(match.Groups[1].Value);
        if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal) && _url is not null) _listening.TrySetResult(_url);
    }

    /// <summary>Sends a signal (TERM: what service managers send; INT: what Ctrl-C sends) and waits for the exit code.</summary>
    public async Task<int> SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()])!;
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
