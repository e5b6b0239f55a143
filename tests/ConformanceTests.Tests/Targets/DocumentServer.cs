using System.Diagnostics;
using System.Text.RegularExpressions;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>
/// A target we did not grow up with: <c>tests/DocumentServer/server.mjs</c>, a Node server written from today's
/// official document alone (it shares no code with the mock), started on a free loopback port. Its
/// <c>/__pin?pinId=</c> side door is what <c>--pin-from</c> reads, as a person reads their phone.
/// </summary>
public sealed partial class DocumentServer : IAsyncDisposable
{
    private readonly Process _process;

    private DocumentServer(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The server's address with a trailing slash, as --target takes it.</summary>
    public string Url { get; }

    /// <summary>What --pin-from needs to read a PIN it sent.</summary>
    public string PinFrom => $"{Url}__pin?pinId={{pinId}}";

    public static async Task<DocumentServer> StartAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(TwoFactorMockProcess.RepositoryRoot(), "tests", "DocumentServer", "server.mjs"));
        foreach (var arg in (string[])["--port", "0", .. args]) start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
                if (Listening().Match(line) is { Success: true } match)
                    return new DocumentServer(process, match.Groups[1].Value + "/");
            throw new InvalidOperationException($"the document server exited ({process.ExitCode}) before it listened");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    [GeneratedRegex(@"^document-server listening on (http://127\.0\.0\.1:\d+)$")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
