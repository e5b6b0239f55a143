using TwoFactorContracts.MockServer.Credentials;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.MockServer.Flow;
using TwoFactorContracts.MockServer.Frontend;

namespace TwoFactorContracts.MockServer;

/// <summary>How the mock answers: from state (default) or exactly the contract's examples.</summary>
public enum MockMode
{
    Stateful,
    Examples,
}

/// <summary>How the store starts (and what a reset returns to).</summary>
public enum SeedMode
{
    /// <summary>Every account starts with the contract's documented applications.</summary>
    Documented,

    /// <summary>Every account starts with none.</summary>
    Empty,
}

/// <summary>How much the server prints.</summary>
public enum Verbosity
{
    Quiet,
    Normal,
    Verbose,
}

/// <summary>Everything the mock server can be told; Program maps the command line and MOCK_* variables here.</summary>
public sealed class MockServerOptions
{
    /// <summary>Address to bind; loopback unless told otherwise.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to listen on; 0 picks a free one (read it from <see cref="MockServerHost.BaseUrl"/>).</summary>
    public int Port { get; set; } = 8080;

    public MockMode Mode { get; set; } = MockMode.Stateful;

    /// <summary>Which API the mock answers like (see Flavours/ApiFlavour): the seed page (default) or today's API.</summary>
    public Flavours.MockFlavour Flavour { get; set; } = Flavours.MockFlavour.Seed;

    /// <summary>How every account starts; unless set, the flavour's (seed: documented, today: empty).</summary>
    public SeedMode Seed { get => _seed ?? Flavours.ApiFlavour.Of(Flavour).StartsWith; set => _seed = value; }

    private SeedMode? _seed;

    /// <summary>Status of a successful create: 200 (what Infobip's SDKs expect) or 201; unless set, the flavour's.</summary>
    public int CreateStatus { get => _createStatus ?? Flavours.ApiFlavour.Of(Flavour).CreateStatus; set => _createStatus = value; }

    private int? _createStatus;

    /// <summary>Per account and operation request budgets (--throttle); off by default.</summary>
    public Throttling.ThrottleSpec Throttle { get; set; } = Throttling.ThrottleSpec.Off;

    /// <summary>Well-formed credentials answered 403 FORBIDDEN, written like <see cref="AcceptedCredentials"/>.</summary>
    public IReadOnlyCollection<string>? ForbiddenCredentials { get; set; }

    /// <summary>The clock throttling reads; tests inject a fake one so they never sleep.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The PIN flow's clock (--clock): real time plus advances (default), or frozen until advanced.</summary>
    public Flow.ClockMode ClockMode { get; set; } = Flow.ClockMode.System;

    /// <summary>The PIN of every send (--fixed-pin); null: random PINs (per-recipient fixed PINs still win).</summary>
    public string? FixedPin { get; set; }

    /// <summary>Delay added to every API answer, in milliseconds.</summary>
    public int DelayMs { get; set; }

    /// <summary>A folder of WireMock mapping files (*.json) loaded at start; they win over the mock's answers.</summary>
    public string? MappingsFolder { get; set; }

    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    /// <summary>Where the mock logs (a test host's factory, say); null logs to the console at <see cref="Verbosity"/>'s level.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logging { get; set; }

    /// <summary>
    /// When set, only these credentials are accepted, written as "Basic user:password", "App key",
    /// "IBSSO token" or "Bearer token". Null accepts any well-formed credential.
    /// </summary>
    public IReadOnlyCollection<string>? AcceptedCredentials { get; set; }

    /// <summary>Largest request body read; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How many API requests the journal keeps (a ring buffer); 0 turns it off.</summary>
    public int JournalSize { get; set; } = 1000;

    /// <summary>
    /// Most accounts (credentials) the store holds, each with its own copy of the seed; a request of a new
    /// account beyond it gets 429 until a reset. Bounds memory against endless new credentials.
    /// </summary>
    public int MaxAccounts { get; set; } = 10_000;

    /// <summary>False switches WireMock's admin API (and the journal) off; /__admin/health still answers.</summary>
    public bool AdminEnabled { get; set; } = true;

    /// <summary>When both are set, the admin API requires these as Basic credentials.</summary>
    public string? AdminUser { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>Contract file to read; null uses the copy beside the assembly.</summary>
    public string? ContractPath { get; set; }

    /// <summary>Comma-separated origins browsers may call from (see Frontend/FrontendOptions); null: any while on loopback.</summary>
    public string? CorsOrigins { get; set; }

    /// <summary>
    /// Where the applications live: "memory" (this process, the default) or "redis://[user:password@]host[:port][/db]"
    /// (rediss:// for TLS), shared by every replica on the same Redis and <see cref="StorePrefix"/>.
    /// </summary>
    public string Store { get; set; } = "memory";

    /// <summary>Prefix of every Redis key, so several mocks can share one Redis without seeing each other.</summary>
    public string StorePrefix { get; set; } = "twofactor-mock";

    /// <summary>Wait for an unreachable Redis at start instead of exiting.</summary>
    public bool StoreWait { get; set; }

    /// <summary>The longest a request waits for Redis before it answers 503 (default 900: the answer comes within 1 s).</summary>
    public int StoreTimeoutMs { get; set; } = 900;

    /// <summary>The parsed Redis address, or null for the in-memory store.</summary>
    public State.Redis.RedisLocation? RedisStore =>
        Store.Equals("memory", StringComparison.OrdinalIgnoreCase) ? null : State.Redis.RedisLocation.Parse(Store);

    /// <summary>When set, write the contract's case stubs as mapping files into this folder and exit (no server).</summary>
    public string? ExportMappingsFolder { get; set; }

    /// <summary>Format of --export-mappings: wiremock-net (default) or wiremock (WireMock's own, Java).</summary>
    public string ExportFormat { get; set; } = Examples.MappingExport.WireMockNet;

    /// <summary>Checks the options, throwing <see cref="ArgumentException"/> with a message for the user.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentException($"Port must be 0-65535, not {Port}.");
        if (CreateStatus is not (200 or 201)) throw new ArgumentException($"Create status must be 200 or 201, not {CreateStatus}.");
        if (DelayMs < 0) throw new ArgumentException("Delay must not be negative.");
        if (MaxBodyBytes < 1) throw new ArgumentException("The body limit must be at least 1 byte.");
        if (MaxAccounts < 1) throw new ArgumentException("The account limit must be at least 1.");
        if (JournalSize < 0) throw new ArgumentException("The journal size must not be negative.");
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Host must not be empty.");
        if (MappingsFolder is not null && !Directory.Exists(MappingsFolder))
            throw new ArgumentException($"Mappings folder '{MappingsFolder}' does not exist.");
        Frontend.FrontendOptions.ParseOrigins(CorsOrigins);
        foreach (var forbidden in ForbiddenCredentials ?? [])
            if (Credentials.CredentialParser.CanonicalOfConfigured(forbidden) is null)
                throw new ArgumentException($"--forbidden-credential: {Credentials.CredentialCheck.NotACredential(forbidden)}");
        if (Flavour == Flavours.MockFlavour.Today && Mode == MockMode.Examples)
            throw new ArgumentException("--flavour today needs --mode stateful: examples mode answers the contract's (seed) examples as written.");
        _ = RedisStore;
        if (string.IsNullOrWhiteSpace(StorePrefix) || StorePrefix.Any(char.IsWhiteSpace))
            throw new ArgumentException("--store-prefix must be a non-empty word without spaces.");
        if (StoreTimeoutMs is < 50 or > 60_000) throw new ArgumentException("--store-timeout must be 50-60000 ms.");
        if (FixedPin is not null && Flow.FixedPins.Problem(FixedPin) is { } pinProblem) throw new ArgumentException($"--fixed-pin: {pinProblem}");
        if ((AdminUser is null) != (AdminPassword is null))
            throw new ArgumentException("Give both an admin user and an admin password, or neither.");
    }
}
