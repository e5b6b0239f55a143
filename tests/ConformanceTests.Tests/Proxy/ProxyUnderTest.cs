using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Profiles;
using TwoFactorContracts.ConformanceTests.Proxy;

namespace TwoFactorContracts.ConformanceTests.ProxyTests;

/// <summary>
/// <c>tfc proxy</c>'s server on a free loopback port in front of <paramref name="target"/>, with its reports in a
/// temporary folder (deleted on dispose); <see cref="StopAsync"/> writes the reports the command writes on stop.
/// </summary>
public sealed class ProxyUnderTest : IAsyncDisposable
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private bool _stopped;

    private ProxyUnderTest(ProxyServer server, string dir, TargetProfile profile)
    {
        Server = server;
        ReportDir = dir;
        Profile = profile;
        Client = new HttpClient { BaseAddress = server.Url };
    }

    public ProxyServer Server { get; }

    public string ReportDir { get; }

    public TargetProfile Profile { get; }

    /// <summary>A client of the proxy (no default headers).</summary>
    public HttpClient Client { get; }

    public static async Task<ProxyUnderTest> StartAsync(string target, string profile = TargetProfile.Seed, params string[] more)
    {
        var dir = Path.Combine(Path.GetTempPath(), "tfc-proxy-" + Guid.NewGuid().ToString("N")[..8]);
        var options = ProxyOptions.Parse(["--target", target, "--port", "0", "--report-dir", dir, "--profile", profile, .. more]);
        var bound = TargetProfile.Load(profile).BindTo(Contract);
        return new ProxyUnderTest(await ProxyServer.StartAsync(options, bound, Contract), dir, bound);
    }

    /// <summary>Waits until <paramref name="count"/> exchanges are recorded (judging runs after the answer was sent).</summary>
    public Task RecordedAsync(int count) => Server.Recorder.WhenRecordedAsync(count, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);

    /// <summary>Every line of exchanges.jsonl so far.</summary>
    public IReadOnlyList<JsonObject> Exchanges() =>
        [.. ReadShared(ProxyRecorder.ExchangesFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];

    /// <summary>Stops the proxy and writes summary.md, junit.xml and coverage.json as the command does on stop.</summary>
    public async Task StopAsync(string? baseline = null)
    {
        if (_stopped) return;
        _stopped = true;
        var started = Server.Recorder.Started;
        await Server.StopAsync();
        await ProxyReports.WriteAsync(Contract, Server.Recorder,
            new ProxyReports.RunFacts(Server.Options.Target!.ToString(), Profile, Server.Options.Mode, started, DateTimeOffset.UtcNow, "test"),
            Server.Credentials.Mask, baseline);
    }

    public string Read(string file) => File.ReadAllText(Path.Combine(ReportDir, file));

    private string ReadShared(string file)
    {
        using var stream = new FileStream(Path.Combine(ReportDir, file), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try { Directory.Delete(ReportDir, recursive: true); }
        catch (IOException) { }
    }
}
