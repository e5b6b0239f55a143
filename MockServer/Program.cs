using System.Runtime.InteropServices;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Hosting;

// Command line and MOCK_* variables -> options; start; print where it listens; stop on Ctrl-C or SIGTERM.
MockServerOptions? options;
try
{
    options = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
    if (options is null)
    {
        Console.Write(CommandLine.Help());
        return 0;
    }
    options.Validate();
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
// --export-mappings: write the contract's stubs as mapping files and exit.
if (options.ExportMappingsFolder is { } exportFolder)
    return TwoFactorContracts.MockServer.Examples.MappingExport.Run(exportFolder, options.ExportFormat, Console.Out, Console.Error, options.ContractPath, options.CreateStatus);

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

MockServerHost host;
try
{
    host = await MockServerHost.StartAsync(options);
}
catch (TwoFactorContracts.MockServer.State.StoreUnavailableException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or InvalidDataException or AggregateException)
{
    Console.Error.WriteLine($"error: could not start the mock on {options.Host}:{options.Port}: {e.GetBaseException().Message}");
    return 1;
}

await using (host)
{
    if (options.Verbosity != Verbosity.Quiet)
    {
        Console.WriteLine($"TwoFactorContracts mock listening on {host.Url} (mode {options.Mode.ToString().ToLowerInvariant()}, flavour {options.Flavour.ToString().ToLowerInvariant()}, seed {options.Seed.ToString().ToLowerInvariant()}, create status {options.CreateStatus}, throttle {options.Throttle})");
        Console.WriteLine(options.AcceptedCredentials is null
            ? "Credentials: any well-formed Authorization: Basic <base64 user:password>, App <key>, IBSSO <token> or Bearer <token>; each credential is its own account"
            : $"Credentials: only the {options.AcceptedCredentials.Count} configured ({string.Join(", ", options.AcceptedCredentials.Select(MaskConfigured))})");
        if (options.ForbiddenCredentials is { Count: > 0 } forbidden)
            Console.WriteLine($"Forbidden (403): {string.Join(", ", forbidden.Select(MaskConfigured))}");
        if (options.RedisStore is not null) Console.WriteLine($"State: shared on {host.StoreDescription}; every replica on it is one mock");
        Console.WriteLine(options.AdminEnabled
            ? $"Admin: {host.Url}/__admin (health, mappings, reset); API journal: {host.Url}/__admin/mock/journal"
            : $"Admin: off (health only: {host.Url}/__admin/health)");
        if (options.Verbosity == Verbosity.Verbose)
        {
            var times = host.StartupTimes;
            Console.WriteLine($"Started in {times.Ready.TotalMilliseconds:0} ms (WireMock listening {times.WireMockListening.TotalMilliseconds:0} ms, contract read {times.ContractRead.TotalMilliseconds:0} ms, process up {(DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime).TotalMilliseconds:0} ms)");
        }
        Console.WriteLine("Press Ctrl-C to stop.");
    }
    await stop.Task;
    if (options.Verbosity != Verbosity.Quiet) Console.WriteLine("Stopping.");
}
return 0;

void OnSignal(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult();
}

static string MaskConfigured(string credential)
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
