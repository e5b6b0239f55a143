using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;

BenchmarkRunner.Run<RoundTrip>(args: args);

/// <summary>
/// The same two requests (a get of one application, a create), each with its body read to the end, through the handler
/// and over loopback. One process, one run, the same job for all four, so the medians compare.
/// </summary>
[Config(typeof(Config))]
[MedianColumn]
[MemoryDiagnoser]
public class RoundTrip
{
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(5).WithIterationCount(15).WithLaunchCount(1));
    }

    private static readonly byte[] CreateBody = Encoding.UTF8.GetBytes("""{"name":"bench","enabled":true}""");

    private TwoFactorMock _loopback = null!;
    private HttpClient _overLoopback = null!;
    private HttpClient _inProcess = null!;
    private string _loopbackId = "";
    private string _inProcessId = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var quiet = new MockServerOptions { Port = 0, Verbosity = Verbosity.Quiet, JournalSize = 0 };
        _loopback = await TwoFactorMock.StartAsync(quiet);
        _overLoopback = _loopback.HttpClient;
        var handler = new TwoFactorMockHandler(new MockServerOptions { Verbosity = Verbosity.Quiet, JournalSize = 0 });
        _inProcess = handler.CreateClient();
        _loopbackId = await CreateAsync(_overLoopback);
        _inProcessId = await CreateAsync(_inProcess);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _loopback.DisposeAsync();

    [Benchmark(Baseline = true, Description = "GET one application, loopback (Kestrel)")]
    public Task<int> GetLoopback() => GetAsync(_overLoopback, _loopbackId);

    [Benchmark(Description = "GET one application, handler (in-process)")]
    public Task<int> GetInProcess() => GetAsync(_inProcess, _inProcessId);

    [Benchmark(Description = "POST create, loopback (Kestrel)")]
    public Task<string> CreateLoopback() => CreateAsync(_overLoopback);

    [Benchmark(Description = "POST create, handler (in-process)")]
    public Task<string> CreateInProcess() => CreateAsync(_inProcess);

    private static async Task<int> GetAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync($"2fa/2/applications/{id}");
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"GET answered {(int)response.StatusCode}");
    }

    private static async Task<string> CreateAsync(HttpClient http)
    {
        using var content = new ByteArrayContent(CreateBody);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("2fa/2/applications", content);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST answered {(int)response.StatusCode}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("applicationId").GetString()!;
    }
}
