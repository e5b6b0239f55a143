using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TwoFactorContracts.Testing;

/// <summary>
/// The mock as users run it: a child process on a free loopback port (<c>--port 0</c>), every line it prints
/// captured. Started when it has printed where it listens and what it accepts (its "Press Ctrl-C" line): no
/// sleeping, bounded by <see cref="TwoFactorMockProcessOptions.StartTimeout"/>. Disposing kills the process tree.
/// For any test framework, and no xunit type in sight:
/// <code>
/// await using var mock = await TwoFactorMockProcess.StartAsync("--seed", "empty");
/// using var http = new HttpClient { BaseAddress = mock.BaseUrl };
/// </code>
/// The default program is <c>run-mock.sh</c> of a TwoFactorContracts source checkout; from the NuGet package,
/// point <see cref="TwoFactorMockProcessOptions.FileName"/> at the installed tool (<c>tfc</c>, arguments <c>mock ...</c>).
/// Prefer <see cref="TwoFactorMock"/> (in-process, faster) unless the test is about the process: its output,
/// signals, exit codes, or a replica killed mid-request.
/// </summary>
public sealed partial class TwoFactorMockProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _name;
    private readonly Action<string>? _onLine;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Uri? _listening;

    private TwoFactorMockProcess(Process process, string name, Action<string>? onLine)
    {
        _process = process;
        _name = name;
        _onLine = onLine;
    }

    /// <summary>Where the mock listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The process's id (e.g. to send it a signal other than <see cref="SignalAsync"/>'s).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Every line printed so far, stdout and stderr, in the order they arrived.</summary>
    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Every line printed so far, joined with <c>\n</c>.</summary>
    public string Output => string.Join("\n", _lines);

    /// <summary>Starts <c>run-mock.sh</c> of the source checkout with <paramref name="arguments"/> on a free port.</summary>
    /// <param name="arguments">The mock's command-line options, e.g. <c>"--verbose"</c>.</param>
    public static Task<TwoFactorMockProcess> StartAsync(params string[] arguments) => StartAsync(new TwoFactorMockProcessOptions { Arguments = arguments });

    /// <summary>
    /// Starts the mock and waits until it serves. Throws <see cref="InvalidOperationException"/> ("&lt;program&gt; exited (code):"
    /// then every line it printed) when it exits first, <see cref="TimeoutException"/> when it takes longer than the bound.
    /// </summary>
    /// <param name="options">What to run; see <see cref="TwoFactorMockProcessOptions"/>.</param>
    public static async Task<TwoFactorMockProcess> StartAsync(TwoFactorMockProcessOptions options)
    {
        var arguments = options.Arguments.Contains("--port") ? options.Arguments : [.. options.Arguments, "--port", "0"];
        var mock = Launch(options, arguments);
        _ = mock.FailWhenExitedAsync();
        try
        {
            mock.BaseUrl = await mock._ready.Task.WaitAsync(options.StartTimeout);
            return mock;
        }
        catch (TimeoutException)
        {
            await mock.DisposeAsync();
            throw new TimeoutException($"{mock._name} did not listen within {options.StartTimeout}:\n{mock.Output}");
        }
        catch
        {
            await mock.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>run-mock.sh</c> of the source checkout to its exit (e.g. <c>--help</c>, a bad option, an export).</summary>
    /// <param name="arguments">The mock's command-line options, passed as they are.</param>
    public static Task<(int ExitCode, string Output)> RunToEndAsync(params string[] arguments) => RunToEndAsync(new TwoFactorMockProcessOptions { Arguments = arguments });

    /// <summary>Runs the program to its exit within the bound; returns its exit code and every line it printed.</summary>
    /// <param name="options">What to run; the arguments are passed as they are (no <c>--port</c> is added).</param>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(TwoFactorMockProcessOptions options)
    {
        await using var run = Launch(options, options.Arguments);
        await run.WaitForExitAsync(options.StartTimeout);
        return (run._process.ExitCode, run.Output);
    }

    /// <summary>
    /// The TwoFactorContracts source checkout holding the test assembly: the first folder above it with a
    /// <c>run-mock.sh</c>. Only meaningful in a source checkout (not for a project that consumes the package).
    /// </summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "run-mock.sh"))) return directory.FullName;
        throw new InvalidOperationException("run-mock.sh not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Sends a signal with <c>kill</c> (Unix: TERM is what service managers send, INT what Ctrl-C sends) and waits
    /// for the exit, so all output is captured; returns the exit code.
    /// </summary>
    /// <param name="signal">The signal's name without SIG, e.g. <c>"TERM"</c>.</param>
    public async Task<int> SignalAsync(string signal)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", _process.Id.ToString()]) { UseShellExecute = false })!)
            await kill.WaitForExitAsync();
        await WaitForExitAsync(StopBound);
        return _process.ExitCode;
    }

    /// <summary>Kills the process and returns everything it printed (its exit flushes its output).</summary>
    public async Task<string> StopAsync()
    {
        await KillAsync();
        return Output;
    }

    /// <summary>Kills the process tree (if still running) and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
    }

    private static TwoFactorMockProcess Launch(TwoFactorMockProcessOptions options, IEnumerable<string> arguments)
    {
        var fileName = options.FileName ?? Path.Combine(RepositoryRoot(), "run-mock.sh");
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.WorkingDirectory is not null) info.WorkingDirectory = options.WorkingDirectory;
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in options.Environment) info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var mock = new TwoFactorMockProcess(process, Path.GetFileName(fileName), options.OnLine);
        process.OutputDataReceived += (_, e) => mock.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => mock.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mock;
    }

    /// <summary>An exit before the mock serves fails the start, with all it printed.</summary>
    private async Task FailWhenExitedAsync()
    {
        try
        {
            await _process.WaitForExitAsync();
            _process.WaitForExit(); // the exit can come before the last lines: this waits for the output's end
            _ready.TrySetException(new InvalidOperationException($"{_name} exited ({_process.ExitCode}):\n{Output}"));
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            _ready.TrySetException(new InvalidOperationException($"{_name} is gone:\n{Output}")); // disposed meanwhile
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _onLine?.Invoke(line);
        // The mock prints where it listens, then what it accepts, and "Press Ctrl-C to stop." last.
        if (ListeningLine().Match(line) is { Success: true } match) _listening = new Uri(match.Groups[1].Value);
        if (line.StartsWith("Press Ctrl-C", StringComparison.Ordinal) && _listening is not null) _ready.TrySetResult(_listening);
    }

    private async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await WaitForExitAsync(StopBound);
    }

    private async Task WaitForExitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the output readers
    }

    [GeneratedRegex(@"listening on (http://\S+)")]
    private static partial Regex ListeningLine();
}
