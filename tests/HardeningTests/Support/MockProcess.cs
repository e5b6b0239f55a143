using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>
/// The mock as users run it: ./run-mock.sh as a child process, every line it prints captured. Ready when it prints
/// where it listens (run-mock.sh may first publish the server, so the wait is long but bounded). Disposing stops
/// exactly this process (run-mock.sh execs the server, so the child is the server).
/// </summary>
public sealed partial class MockProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly Action<string>? _onLine;

    private MockProcess(Process process, Action<string>? onLine)
    {
        _process = process;
        _onLine = onLine;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Everything printed so far, stdout and stderr.</summary>
    public string Output => string.Join("\n", _lines);

    public static Task<MockProcess> StartAsync(params string[] arguments) => StartAsync(null, arguments);

    /// <summary>Starts it, calling <paramref name="onLine"/> with every line it prints (also before it listens).</summary>
    public static async Task<MockProcess> StartAsync(Action<string>? onLine, params string[] arguments)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot(), "run-mock.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", "0" }.Concat(arguments)) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var mock = new MockProcess(process, onLine);
        process.OutputDataReceived += (_, e) => mock.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => mock.OnLine(e.Data);
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // Exited can come before the last lines: this waits for the output's end
            mock._listening.TrySetException(new InvalidOperationException($"run-mock.sh exited ({process.ExitCode}):\n{mock.Output}"));
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // A first run publishes the server (about 30 s idle, minutes on a busy machine).
            mock.BaseUrl = await mock._listening.Task.WaitAsync(TimeSpan.FromMinutes(6));
        }
        catch
        {
            await mock.DisposeAsync();
            throw;
        }
        return mock;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        _onLine?.Invoke(line);
        if (ListeningLine().Match(line) is { Success: true } match) _listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    /// <summary>Stops the server and waits until it has exited, so all its output is captured.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // never started or already gone
        }
        _process.Dispose();
    }

    /// <summary>Stops the server and returns everything it printed (the process's exit flushes its output).</summary>
    public async Task<string> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        return Output;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "run-mock.sh"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("run-mock.sh not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"listening on (http://\S+?)\s")]
    private static partial Regex ListeningLine();
}
