using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TwoFactorContracts.Testing;

namespace MockServer.Tests.Support;

/// <summary>
/// WireMock's standalone jar (npm package wiremock, pinned in tests/wiremock/package.json) on Debian's JRE, as a
/// child process on a free loopback port serving a --root-dir. Ready when it prints its port (no sleeping);
/// disposing kills it.
/// </summary>
public sealed class WireMockJava : IAsyncDisposable
{
    public const string JarVersion = "3.13.2";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WireMockJava(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>WIREMOCK_JAR, else the jar npm installed under tests/wiremock; a clear failure when neither exists.</summary>
    public static string Jar()
    {
        var jar = Environment.GetEnvironmentVariable("WIREMOCK_JAR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TwoFactorMockProcess.RepositoryRoot(), "tests", "wiremock", "node_modules", "wiremock", "build", $"wiremock-standalone-{JarVersion}.jar");
        return File.Exists(jar)
            ? jar
            : throw new FileNotFoundException($"WireMock's jar is not at {jar}: run `npm ci --prefix tests/wiremock` (and `apt-get install default-jre-headless` for java), or set WIREMOCK_JAR.");
    }

    public static async Task<WireMockJava> StartAsync(string rootDir)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-jar", Jar(), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind-address", "127.0.0.1", "--root-dir", rootDir, "--disable-banner", "--no-request-journal" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("java did not start");
        var java = new WireMockJava(process, new Uri($"http://127.0.0.1:{port}/"));
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (java._output) java._output.AppendLine(e.Data);
            // WireMock prints its settings once it is listening; "port:" is among them.
            if (e.Data.TrimStart().StartsWith("port:", StringComparison.Ordinal)) listening.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (java._output) java._output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var first = await Task.WhenAny(listening.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(2));
            if (first != listening.Task) throw new InvalidOperationException($"WireMock exited early:\n{java.Output}");
            return java;
        }
        catch
        {
            await java.DisposeAsync();
            throw;
        }
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
