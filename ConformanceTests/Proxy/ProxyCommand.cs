using System.Net.Sockets;
using System.Runtime.InteropServices;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Profiles;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// <c>tfc proxy</c>: runs the validating proxy until Ctrl-C, SIGTERM, <c>cancel</c> or --duration, then writes the
/// reports. Exit 0: no violation seen; 1: violations seen; 2: could not start (one line on stderr).
/// </summary>
public static class ProxyCommand
{
    public const int NoViolations = 0;
    public const int ViolationsSeen = 1;
    public const int CouldNotRun = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        ProxyOptions options;
        ContractDocument contract;
        TargetProfile profile;
        try
        {
            options = ProxyOptions.Parse(args);
            if (options.Help)
            {
                await stdout.WriteLineAsync(ProxyOptions.Usage());
                return NoViolations;
            }
            contract = ContractDocument.Load();
            profile = TargetProfile.Load(options.Profile).BindTo(contract);
        }
        catch (Exception e) when (e is ArgumentException or ProfileException)
        {
            await stderr.WriteLineAsync($"proxy: {e.Message}");
            return CouldNotRun;
        }

        var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult(context.Signal == PosixSignal.SIGTERM ? "SIGTERM" : "Ctrl-C");
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var cancelled = cancel.Register(() => stop.TrySetResult("cancelled"));

        ProxyServer server;
        try
        {
            server = await ProxyServer.StartAsync(options, profile, contract);
        }
        catch (Exception e) when (e is IOException or SocketException or FormatException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"proxy: could not listen on {options.Host}:{options.Port}: {e.GetBaseException().Message}");
            return CouldNotRun;
        }
        await using (server)
        {
            var started = DateTimeOffset.UtcNow;
            using var duration = options.Duration is { } d ? new Timer(_ => stop.TrySetResult($"the --duration of {d.TotalSeconds:0.###} s passed"), null, d, Timeout.InfiniteTimeSpan) : null;
            await stdout.WriteLineAsync($"tfc proxy listening on {server.Url} -> {options.Target!.GetLeftPart(UriPartial.Path)} (profile {profile.Name}, "
                + $"{(options.Holds ? "answers held to be judged" : "answers streamed")}{(options.Errors ? ", violating answers replaced by 502" : "")}{(options.Annotate ? ", annotated" : "")})");
            await stdout.WriteLineAsync($"Live: {Path.Combine(options.ReportDir, ProxyRecorder.ExchangesFile)} and {server.Url}__proxy; Ctrl-C stops and writes the reports.");
            var why = await stop.Task;
            await server.StopAsync();
            var recorder = server.Recorder;
            var facts = new ProxyReports.RunFacts(options.Target.GetLeftPart(UriPartial.Path), profile, options.Mode, started, DateTimeOffset.UtcNow, why);
            await ProxyReports.WriteAsync(contract, recorder, facts, server.Credentials.Mask, options.WriteBaseline);
            await stdout.WriteLineAsync($"{(recorder.WithViolations > 0 ? "VIOLATIONS" : "NO VIOLATIONS")}: {recorder.Exchanges} exchanges, "
                + $"{recorder.WithViolations} with violations, {recorder.NotInContract} not in the contract, {recorder.TargetFailures} target failures; "
                + $"stopped ({why}); reports in {options.ReportDir}");
            return recorder.WithViolations > 0 ? ViolationsSeen : NoViolations;
        }
    }
}
