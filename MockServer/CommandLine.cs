
namespace TwoFactorContracts.MockServer;

/// <summary>
/// Maps the command line and MOCK_* environment variables to <see cref="MockServerOptions"/>; a command-line
/// option beats its variable. Each option is described once, in <see cref="Specs"/>, which also makes --help.
/// Not Microsoft.Extensions.Configuration's command-line provider: it has no bare flags (--quiet would take the
/// next argument as its value), keeps only the last of a repeated option (--credential) and ignores unknown ones.
/// </summary>
public static class CommandLine
{
    private sealed record Spec(string Name, string? Value, string Variable, string Help, Action<MockServerOptions, string> Apply);

    private static readonly Spec[] Specs =
    [
        new("--host", "<address>", "MOCK_HOST", "Address to bind (default 127.0.0.1; 0.0.0.0 exposes the mock to the network).",
            (o, v) => o.Host = v),
        new("--port", "<port>", "MOCK_PORT", "Port to listen on (default 8080; 0 picks a free port and prints it).",
            (o, v) => o.Port = Int(v, "--port")),
        new("--mode", "stateful|examples", "MOCK_MODE", "stateful (default): create, list, get and update work on stored applications.\n" +
            "examples: answer exactly the contract's documented examples.",
            (o, v) => o.Mode = v.ToLowerInvariant() switch
            {
                "stateful" => MockMode.Stateful,
                "examples" => MockMode.Examples,
                _ => throw new ArgumentException($"--mode must be stateful or examples, not '{v}'."),
            }),
        new("--seed", "documented|empty", "MOCK_SEED", "documented (default): every account starts with the contract's three listed\n" +
            "applications. empty: every account starts with none.",
            (o, v) => o.Seed = v.ToLowerInvariant() switch
            {
                "documented" => SeedMode.Documented,
                "empty" => SeedMode.Empty,
                _ => throw new ArgumentException($"--seed must be documented or empty, not '{v}'."),
            }),
        new("--flavour", "seed|today", "MOCK_FLAVOUR", "seed (default): answer as the seed page documents. today: answer like Infobip's API\n" +
            "today: 201 on create, NOT_FOUND for an unknown id, <ApplicationResponses> list root, no processId,\n" +
            "a time's length optional (\"m\" = 1m), every account empty (--seed and --create-status still win).",
            (o, v) => o.Flavour = Flavours.ApiFlavour.Parse(v)),
        new("--throttle", "off|real|real/<window>|<n>/<window>", "MOCK_THROTTLE", "Per account and operation, a sliding window (default off). real: today's budgets\n" +
            "(the contract's x-throttling: list 50, create 20, get 100, update 40 per 10m); real/3s: those counts\n" +
            "per 3 s (for tests); 5/1s: 5 requests per operation per second. Over budget: 429 TOO_MANY_REQUESTS.",
            (o, v) => o.Throttle = Throttling.ThrottleSpec.Parse(v)),
        new("--forbidden-credential", "\"<scheme> <value>\"", "MOCK_FORBIDDEN_CREDENTIALS", "Answer this credential 403 FORBIDDEN on every operation (repeatable; the variable takes\n" +
            "several separated by ';'), e.g. \"App no-2fa-permission\".",
            (o, v) => o.ForbiddenCredentials = [.. o.ForbiddenCredentials ?? [], .. v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]),
        new("--create-status", "200|201", "MOCK_CREATE_STATUS", "Status of a successful create (default 200, what Infobip's SDKs expect).",
            (o, v) => o.CreateStatus = Int(v, "--create-status")),
        new("--clock", "system|manual", "MOCK_CLOCK", "The PIN flow's clock: system (default, real time) or manual (frozen at start);\n" +
            "POST /__admin/mock/clock {\"advance\":\"15m\"} moves either forward (PIN expiry, send/verify limits).",
            (o, v) => o.ClockMode = Flow.FlowClock.ParseMode(v)),
        new("--fixed-pin", "<pin>", "MOCK_FIXED_PIN", "Every PIN sent is this one (1-50 letters or digits) instead of a random one;\n" +
            "PUT /__admin/mock/fixed-pins/{to} sets one per recipient (it wins).",
            (o, v) => o.FixedPin = v),
        new("--delay", "<ms>", "MOCK_DELAY", "Delay every API answer by this many milliseconds (default 0).",
            (o, v) => o.DelayMs = Int(v, "--delay")),
        new("--mappings", "<folder>", "MOCK_MAPPINGS", "Load WireMock mapping files (*.json) from this folder; they win over the\n" +
            "mock's own answers.",
            (o, v) => o.MappingsFolder = v),
        new("--credential", "\"<scheme> <value>\"", "MOCK_CREDENTIALS", "Accept only this credential (repeatable; the variable takes several separated by\n" +
            "';'): \"Basic user:password\", \"App <key>\", \"IBSSO <token>\", \"Bearer <token>\".\n" +
            "Without it any well-formed credential is accepted.",
            (o, v) => o.AcceptedCredentials = [.. o.AcceptedCredentials ?? [], .. v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]),
        new("--max-body", "<bytes>", "MOCK_MAX_BODY", "Largest request body accepted; larger bodies get 413 (default 65536).",
            (o, v) => o.MaxBodyBytes = Int(v, "--max-body")),
        new("--max-accounts", "<n>", "MOCK_MAX_ACCOUNTS", "Most accounts (credentials) kept, each with its own applications (default 10000);\n" +
            "a request of a new account beyond it gets 429 until POST /__admin/reset.",
            (o, v) => o.MaxAccounts = Int(v, "--max-accounts")),
        new("--store", "memory|redis://host:port[/db]", "MOCK_STORE", "Where the applications live: memory (default, this process) or a Redis every replica\n" +
            "shares (redis://[user:password@]host[:port][/db], rediss:// for TLS). Redis lost: API answers 503.",
            (o, v) => o.Store = v),
        new("--store-prefix", "<prefix>", "MOCK_STORE_PREFIX", "Prefix of the mock's Redis keys (default twofactor-mock); mocks with different\n" +
            "prefixes share a Redis without seeing each other's applications.",
            (o, v) => o.StorePrefix = v),
        new("--store-wait", null, "MOCK_STORE_WAIT", "Wait for an unreachable Redis at start (default: one error line, exit code 2).",
            (o, v) => o.StoreWait = IsTrue(v)),
        new("--store-timeout", "<ms>", "MOCK_STORE_TIMEOUT", "The longest a request waits for Redis before it answers 503 (default 900).",
            (o, v) => o.StoreTimeoutMs = Int(v, "--store-timeout")),
        new("--journal-size", "<n>", "MOCK_JOURNAL_SIZE", "API requests kept in the journal at /__admin/mock/journal (default 1000; 0 = off).",
            (o, v) => o.JournalSize = Int(v, "--journal-size")),
        new("--no-admin", null, "MOCK_NO_ADMIN", "Switch off WireMock's admin API and the journal (/__admin/health still answers).",
            (o, v) => o.AdminEnabled = !IsTrue(v)),
        new("--admin-user", "<user>", "MOCK_ADMIN_USER", "Protect the admin API with Basic credentials (with --admin-password).",
            (o, v) => o.AdminUser = v),
        new("--admin-password", "<password>", "MOCK_ADMIN_PASSWORD", "Password for --admin-user.",
            (o, v) => o.AdminPassword = v),
        new("--contract", "<file>", "MOCK_CONTRACT", "Contract to serve (default: the openapi/2fa-applications.yaml built with it).",
            (o, v) => o.ContractPath = v),
        new("--cors-origins", "<origins>", "MOCK_CORS_ORIGINS", "Origins browsers may call the mock from, comma-separated (http://localhost:3000,\n" +
            "http://localhost:* for any port, * for all). Default: any origin while bound to loopback,\n" +
            "else pages served from loopback only. /docs shows the contract.",
            (o, v) => o.CorsOrigins = v),
        new("--export-mappings", "<folder>", "MOCK_EXPORT_MAPPINGS", "Write the contract's documented cases as WireMock mapping files, one per case,\n" +
            "into this folder and exit (see docs/wiremock.md).",
            (o, v) => o.ExportMappingsFolder = v),
        new("--export-format", "wiremock-net|wiremock", "MOCK_EXPORT_FORMAT", "Format of --export-mappings: wiremock-net (default, WireMock.Net) or wiremock\n" +
            "(WireMock's own; the folder becomes a --root-dir with mappings/).",
            (o, v) => o.ExportFormat = v),
        new("--quiet", null, "MOCK_QUIET", "Print nothing but errors.",
            (o, v) => { if (IsTrue(v)) o.Verbosity = Verbosity.Quiet; }),
        new("--verbose", null, "MOCK_VERBOSE", "Print every request (method, path, status, time, masked credential).",
            (o, v) => { if (IsTrue(v)) o.Verbosity = Verbosity.Verbose; }),
    ];

    /// <summary>Parses; returns null when --help was asked for. Throws ArgumentException on a bad option.</summary>
    public static MockServerOptions? Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new MockServerOptions();
        foreach (var spec in Specs)
            if (environment(spec.Variable) is { Length: > 0 } value) spec.Apply(options, value);

        var credentialsGiven = false;
        var forbiddenGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h" or "-?") return null;
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            var spec = Specs.FirstOrDefault(s => s.Name == name)
                ?? throw new ArgumentException($"Unknown option '{arg}'. Run with --help to see the options.");
            string value;
            if (spec.Value is null) value = "true";
            else if (equals > 0) value = arg[(equals + 1)..];
            else if (i + 1 < args.Count) value = args[++i];
            else throw new ArgumentException($"{spec.Name} needs a value: {spec.Name} {spec.Value}");
            if (spec.Name == "--credential" && !credentialsGiven)
            {
                options.AcceptedCredentials = null; // the command line replaces the variable's list
                credentialsGiven = true;
            }
            if (spec.Name == "--forbidden-credential" && !forbiddenGiven)
            {
                options.ForbiddenCredentials = null; // as with --credential, the command line replaces the variable's list
                forbiddenGiven = true;
            }
            spec.Apply(options, value);
        }
        return options;
    }

    /// <summary>The --help text; <paramref name="usage"/> is how the user started the mock.</summary>
    public static string Help(string usage = "./run-mock.sh") =>
        $"Usage: {usage} [options]\n\n" +
        "Starts the TwoFactorContracts mock of Infobip's 2FA applications API (default http://127.0.0.1:8080).\n" +
        "Every option can also be set by the environment variable named after it; the command line wins.\n\n" +
        string.Join("\n", Specs.Select(s =>
        {
            var head = s.Value is null ? s.Name : $"{s.Name} {s.Value}";
            var help = s.Help.Replace("\n", "\n      ", StringComparison.Ordinal);
            return $"  {head}   [{s.Variable}]\n      {help}";
        })) +
        "\n  --help\n      Show this help.\n\n" +
        "Admin: GET /__admin/health, WireMock's admin API under /__admin, the API journal at\n" +
        "GET /__admin/mock/journal, POST /__admin/reset (state back to the seed, user stubs removed), the PIN flow's\n" +
        "GET /__admin/mock/outbox, GET|POST /__admin/mock/clock, GET /__admin/mock/fixed-pins (PUT|DELETE .../{to}).\n";

    private static int Int(string value, string option) =>
        int.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{option} needs a whole number, not '{value}'.");

    private static bool IsTrue(string value) =>
        value is "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("on", StringComparison.OrdinalIgnoreCase);
}
