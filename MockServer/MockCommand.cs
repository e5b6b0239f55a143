using System.Runtime.InteropServices;

namespace TwoFactorContracts.MockServer;

/// <summary>
/// The mock as a command: command line and MOCK_* variables -> options; start; print where it listens; stop on
/// Ctrl-C, SIGTERM or <c>cancel</c>. One entry point for ./run-mock.sh's server and <c>tfc mock</c>.
/// </summary>
public static class MockCommand
{
    /// <summary>Runs the mock until stopped. Exit codes: 0 stopped (or --help, or mappings exported), 1 could not start, 2 bad option or the store unreachable at start.</summary>
    /// <param name="args">The mock's options (see <see cref="CommandLine.Help"/>).</param>
    /// <param name="stdout">Where the banner and --help go.</param>
    /// <param name="stderr">Where errors go: one line each.</param>
    /// <param name="usage">How the user invoked the mock, shown in --help (e.g. "tfc mock").</param>
    /// <param name="cancel">Stops the mock like Ctrl-C does.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, string usage = "./run-mock.sh", CancellationToken cancel = default)
    {
        MockServerOptions? options;
        try
        {
            options = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
            if (options is null)
            {
                await stdout.WriteAsync(CommandLine.Help(usage));
                return 0;
            }
            options.Validate();
        }
        catch (ArgumentException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        // --export-mappings: write the contract's stubs as mapping files and exit.
        if (options.ExportMappingsFolder is { } exportFolder)
            return Examples.MappingExport.Run(exportFolder, options.ExportFormat, stdout, stderr, options.ContractPath, options.CreateStatus);

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
            stopping.Cancel(); // also ends a start still waiting for its store (--store-wait)
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var cancelled = cancel.Register(() => stop.TrySetResult());

        MockServerHost host;
        try
        {
            host = await MockServerHost.StartAsync(options, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0; // stopped while waiting for the store
        }
        catch (State.StoreUnavailableException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or InvalidDataException or AggregateException)
        {
            await stderr.WriteLineAsync($"error: could not start the mock on {options.Host}:{options.Port}: {e.GetBaseException().Message}");
            return 1;
        }

        await using (host)
        {
            if (options.Verbosity != Verbosity.Quiet)
            {
                stdout.WriteLine($"TwoFactorContracts mock listening on {host.Url} (mode {options.Mode.ToString().ToLowerInvariant()}, flavour {options.Flavour.ToString().ToLowerInvariant()}, seed {options.Seed.ToString().ToLowerInvariant()}, create status {options.CreateStatus}, throttle {options.Throttle})");
                stdout.WriteLine(options.AcceptedCredentials is null
                    ? "Credentials: any well-formed Authorization: Basic <base64 user:password>, App <key>, IBSSO <token> or Bearer <token>; each credential is its own account"
                    : $"Credentials: only the {options.AcceptedCredentials.Count} configured ({string.Join(", ", options.AcceptedCredentials.Select(MaskConfigured))})");
                if (options.ForbiddenCredentials is { Count: > 0 } forbidden)
                    stdout.WriteLine($"Forbidden (403): {string.Join(", ", forbidden.Select(MaskConfigured))}");
                if (options.RedisStore is not null) stdout.WriteLine($"State: shared on {host.StoreDescription}; every replica on it is one mock");
                stdout.WriteLine(options.AdminEnabled
                    ? $"Admin: {host.Url}/__admin (health, mappings, reset); API journal: {host.Url}/__admin/mock/journal"
                    : $"Admin: off (health only: {host.Url}/__admin/health)");
                if (options.Verbosity == Verbosity.Verbose)
                {
                    var times = host.StartupTimes;
                    stdout.WriteLine($"Started in {times.Ready.TotalMilliseconds:0} ms (WireMock listening {times.WireMockListening.TotalMilliseconds:0} ms, contract read {times.ContractRead.TotalMilliseconds:0} ms, process up {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms)");
                }
                stdout.WriteLine("Press Ctrl-C to stop.");
                await stdout.FlushAsync(CancellationToken.None);
            }
            await stop.Task;
            if (options.Verbosity != Verbosity.Quiet) stdout.WriteLine("Stopping.");
        }
        return 0;
    }

    private static string MaskConfigured(string credential)
    {
        var space = credential.IndexOf(' ');
        if (space <= 0) return "***";
        var scheme = credential[..space];
        var value = credential[(space + 1)..];
        // A Basic username is not a secret and tells the user which entry is which; tokens and passwords are.
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && value.IndexOf(':') is > 0 and var colon)
            return $"Basic {value[..colon]}:***";
        return $"{scheme} ***";
    }
}
