using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>
/// A redis-server of the test's own: a free loopback port, a temporary folder, no system service. Stop and
/// start it again (same port, same folder) to play a lost Redis; with <c>durable</c> it writes an append-only
/// file on every change, so a stop and start keeps what it acknowledged. Disposing stops it and deletes the folder.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("twofactor-redis-").FullName;
    private readonly bool _durable;
    private Process? _process;

    private RedisServer(int port, bool durable)
    {
        Port = port;
        _durable = durable;
    }

    public int Port { get; }

    /// <summary>The --store value for the mock.</summary>
    public string Url => $"redis://127.0.0.1:{Port}";

    public bool Running => _process is { HasExited: false };

    /// <param name="port">A port of the caller's choosing (e.g. one a mock already waits on); default a free one.</param>
    public static async Task<RedisServer> StartAsync(bool durable = false, int? port = null)
    {
        var server = new RedisServer(port ?? FreePort(), durable);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>A loopback port nothing listens on (nothing is started on it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server (again) and waits until it accepts connections (bounded).</summary>
    public async Task StartAgainAsync()
    {
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _folder, "--save", "",
                     "--appendonly", _durable ? "yes" : "no", "--appendfsync", "always", "--protected-mode", "yes" })
            info.ArgumentList.Add(argument);
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (is the redis-server package installed?)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited at start ({_process.ExitCode}) on port {Port}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Stops the server: SIGTERM lets it finish its append-only file, SIGKILL drops it on the spot.</summary>
    public async Task StopAsync(bool kill = false)
    {
        var process = _process;
        if (process is null || process.HasExited) return;
        if (kill) process.Kill();
        else Signal(process.Id, "TERM");
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
        _process = null;
    }

    /// <summary>Freezes (SIGSTOP) or thaws (SIGCONT) the server: connections stay open and nothing answers.</summary>
    public void Freeze(bool frozen)
    {
        if (_process is { HasExited: false } process) Signal(process.Id, frozen ? "STOP" : "CONT");
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString()]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            Signal(process.Id, "CONT");
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        _process?.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
