using Microsoft.Extensions.Logging;
using TwoFactorContracts.MockServer.Composition;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Journal;
using TwoFactorContracts.MockServer.State;
using WireMock.Server;

using TwoFactorContracts.MockServer.Http;

namespace TwoFactorContracts.MockServer.Stubbing;

/// <summary>
/// What changes while the mock runs: WireMock's mappings (our catch-all, the contract's case stubs, the
/// --mappings folder), whether user stubs exist, and the reset back to the seed. Built before WireMock starts
/// (the gateway needs it); WireMock reaches it through <see cref="Start"/>, so nothing points back at the host.
/// The in-process handler has no WireMock (<see cref="StartWithoutWireMock"/>): a reset is the state's alone.
/// </summary>
internal sealed class MockControl(MockServerOptions options, Task<MockParts> parts, RequestJournal journal, PipelineEntry entry, ILogger logger)
{
    private readonly TaskCompletionSource<WireMockServer?> _server = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _lock = new();
    private volatile bool _userStubs;

    /// <summary>Completes when WireMock, its admin API, our catch-all mapping and the --mappings stubs are all in place.</summary>
    public Task Ready => _server.Task;

    /// <summary>Whether user stubs exist (then API requests go through WireMock's mappings). A cheap volatile flag, recomputed only after admin requests that may change mappings.</summary>
    public bool UserStubsPresent => _userStubs;

    /// <summary>Null while the state store answers; otherwise why not (/__admin/health says unhealthy).</summary>
    public string? StoreProblem => parts.IsCompletedSuccessfully ? parts.Result.Store.Problem : null;

    /// <summary>Loads the mappings into the started WireMock; from here on the mock is ready.</summary>
    public void Start(WireMockServer server)
    {
        lock (_lock) LoadMappings(server);
        _server.TrySetResult(server);
    }

    /// <summary>No WireMock in front of the pipeline (the in-process handler): no mappings to load, ready at once.</summary>
    public void StartWithoutWireMock() => _server.TrySetResult(null);

    public void Fail(Exception e) => _server.TrySetException(e);

    /// <summary>State to the seed, journal cleared, user stubs removed (the --mappings folder reloaded).</summary>
    /// <exception cref="StoreUnavailableException">The shared store did not answer; nothing was reset.</exception>
    public void Reset()
    {
        var server = Started;
        lock (_lock)
        {
            // First the state: a shared store may be unreachable, and then nothing changes.
            ResetState();
            if (server is null) return;
            _userStubs = false; // answer directly while WireMock's mappings are rebuilt
            server.ResetMappings();
            LoadMappings(server);
        }
    }

    /// <summary>Called after an admin request that may have changed mappings.</summary>
    public void AfterAdminChange(string path)
    {
        if (Started is not { } server) return;
        lock (_lock)
        {
            // WireMock's reset removed every mapping: our state follows it back to the seed.
            if (path.Equals(AdminPaths.WireMockMappingsReset, StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    ResetState();
                }
                catch (StoreUnavailableException e)
                {
                    // WireMock has answered already: the state stays as it was, and the log says why.
                    logger.LogError("state not reset: {Reason}", e.Message);
                }
                AddCaseStubs(server);
                if (options.MappingsFolder is not null) server.ReadStaticMappings(options.MappingsFolder);
            }
            if (!CatchAllMapping.IsPresent(server)) CatchAllMapping.Add(server, entry);
            Recompute(server);
        }
    }

    /// <summary>The started WireMock, null when there is none (the in-process handler).</summary>
    private WireMockServer? Started => _server.Task.IsCompletedSuccessfully
        ? _server.Task.Result
        : throw new InvalidOperationException("The mock has not started.");

    private void ResetState()
    {
        parts.Result.Store.Reset();
        parts.Result.Throttle?.Reset();
        parts.Result.Flow.Reset();
        parts.Result.Templates.Reset();
        journal.Clear();
    }

    /// <summary>Adds our catch-all mapping, the contract's case stubs and the --mappings folder, then recomputes whether user stubs exist.</summary>
    private void LoadMappings(WireMockServer server)
    {
        if (!CatchAllMapping.IsPresent(server)) CatchAllMapping.Add(server, entry);
        AddCaseStubs(server);
        if (options.MappingsFolder is not null) server.ReadStaticMappings(options.MappingsFolder);
        Recompute(server);
    }

    /// <summary>The contract's stubs (Examples/CaseMappings), ordinary WireMock mappings: listed, editable, deletable.</summary>
    private void AddCaseStubs(WireMockServer server)
    {
        var stubs = parts.Result.CaseStubs;
        if (stubs.Count > 0) server.WithMapping([.. stubs]);
    }

    private void Recompute(WireMockServer server)
    {
        var ours = parts.Result.CaseStubIds;
        _userStubs = server.Mappings.Any(m => !m.IsAdminInterface && m.Guid != CatchAllMapping.Id && !ours.Contains(m.Guid));
    }
}
