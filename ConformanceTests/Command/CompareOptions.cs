namespace TwoFactorContracts.ConformanceTests.Command;

/// <summary>
/// <c>tfc compare</c>'s flags. The two targets' URLs, credentials and kinds are the comparison's own; the rest are
/// <c>verify</c>'s, given to both targets' runs alike (as their CONFORMANCE_* settings).
/// </summary>
public sealed class CompareOptions
{
    private sealed record Flag(string Name, string? Value, string? Setting, string Help, string? Variable = null);

    private static readonly Flag[] Flags =
    [
        new("--a", "<url>", null, "Base URL of target a (e.g. our mock)."),
        new("--b", "<url>", null, "Base URL of target b (e.g. a staging deployment)."),
        new("--auth", "\"<scheme> <value>\"", null, "Authorization for both targets (default: the seed page's Basic credential).", "COMPARE_AUTH"),
        new("--auth-a", "\"<scheme> <value>\"", null, "Authorization for target a only (wins over --auth).", "COMPARE_AUTH_A"),
        new("--auth-b", "\"<scheme> <value>\"", null, "Authorization for target b only (wins over --auth). Credentials are never\nprinted; prefer the variables, which stay out of shell history.", "COMPARE_AUTH_B"),
        new("--kind-a", "external|mock", null, "mock: target a is our mock (Prefer cases, its outbox and clock for the PIN\nflow). Default external."),
        new("--kind-b", "external|mock", null, "As --kind-a, for target b."),
        new("--profile", "seed|today|<file>", "CONFORMANCE_PROFILE", "Budgets, and the known deviations a difference may be (labelled accepted).\nDefault seed: nothing accepted."),
        new("--only", "<case glob>", null, "Compare only the cases whose id matches, e.g. 'createApplication/*'."),
        new("--list", null, null, "Print the case ids the comparison would send, in order, and exit."),
        new("--report-dir", "<dir>", null, "Write summary.md, junit.xml and compare.json there."),
        new("--timeout", "<time>", "CONFORMANCE_TIMEOUT", "Per request, body included (2.5, 500ms, 30s). Default 10."),
        new("--deadline", "<time>", "CONFORMANCE_DEADLINE", "The whole comparison (e.g. 30m): when it passes, what ran is reported."),
        new("--max-creates", "<n>", "CONFORMANCE_MAX_CREATES", "Most applications created on purpose on each target (default 8)."),
        new("--no-wait", null, "CONFORMANCE_NO_WAIT", "When a budget is spent, mark the rest \"not run: budget\" instead of waiting."),
        new("--budget", "<op>=<N>/<window>", "CONFORMANCE_BUDGET", "Plan within N requests of op per window on each target (repeatable)."),
        new("--read-only", null, "CONFORMANCE_READ_ONLY", "Send only what cannot write."),
        new("--pin-from-a", "<url|command>", null, "How to read the PIN a send to target a issued (as verify's --pin-from); without\nit a target that is not our mock leaves the right-PIN steps not compared."),
        new("--pin-from-b", "<url|command>", null, "As --pin-from-a, for target b."),
        new("--pin-to", "<msisdn>", "CONFORMANCE_PIN_TO", "The phone number the PIN flow sends to on both targets."),
        new("--no-expiry", null, "CONFORMANCE_NO_EXPIRY", "Skip flow/expiry on a target that is not our mock (it waits 3 s)."),
        new("--help", null, null, "Show this help."),
    ];

    /// <summary>The settings both targets' runs share (CONFORMANCE_* names).</summary>
    public Dictionary<string, string> Shared { get; } = [];

    public string? A { get; private set; }

    public string? B { get; private set; }

    public string? Auth { get; private set; }

    public string? AuthA { get; private set; }

    public string? AuthB { get; private set; }

    public string KindA { get; private set; } = "external";

    public string KindB { get; private set; } = "external";

    public string? PinFromA { get; private set; }

    public string? PinFromB { get; private set; }

    public string? Only { get; private set; }

    public string? ReportDir { get; private set; }

    public bool List { get; private set; }

    public bool Help { get; private set; }

    /// <summary>Reads the flags; throws <see cref="ArgumentException"/> with one line on anything it cannot read.</summary>
    public static CompareOptions Parse(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var options = new CompareOptions
        {
            Auth = Text(env("COMPARE_AUTH")),
            AuthA = Text(env("COMPARE_AUTH_A")),
            AuthB = Text(env("COMPARE_AUTH_B")),
        };
        var budgets = new List<string>();
        foreach (var (name, value) in OptionReader.Read(args, Flags.Select(f => (f.Name, f.Value)),
                     name => name.StartsWith('-') ? $"unknown option '{name}' (see --help)" : $"unexpected argument '{name}' (see --help)"))
        {
            var flag = Flags.First(f => f.Name == name);
            switch (name)
            {
                case "--a": options.A = value; break;
                case "--b": options.B = value; break;
                case "--auth": options.Auth = value; break;
                case "--auth-a": options.AuthA = value; break;
                case "--auth-b": options.AuthB = value; break;
                case "--kind-a": options.KindA = Kind(name, value); break;
                case "--kind-b": options.KindB = Kind(name, value); break;
                case "--pin-from-a": options.PinFromA = value; break;
                case "--pin-from-b": options.PinFromB = value; break;
                case "--only": options.Only = value; break;
                case "--list": options.List = true; break;
                case "--help": options.Help = true; break;
                case "--report-dir": options.ReportDir = value; break;
                case "--budget": budgets.Add(value); break;
                default: options.Shared[flag.Setting!] = value; break;
            }
        }
        if (budgets.Count > 0) options.Shared["CONFORMANCE_BUDGET"] = string.Join(';', budgets);
        if (options.Help || options.List) return options;
        options.A = Url("--a", options.A);
        options.B = Url("--b", options.B);
        return options;
    }

    /// <summary>The settings of one target's run: the shared ones, its URL, credential and kind, strict mode and the shared run id.</summary>
    public Func<string, string?> SettingsFor(string label, string runId)
    {
        var settings = new Dictionary<string, string>(Shared)
        {
            ["CONFORMANCE_MODE"] = "strict", // a comparison lays error texts side by side: both runs judge them
            ["CONFORMANCE_RUN_ID"] = runId,  // the same names on both targets, so their lists pair by name
            ["CONFORMANCE_TARGET_KIND"] = label == "a" ? KindA : KindB,
        };
        if ((label == "a" ? PinFromA : PinFromB) is { } pinFrom) settings["CONFORMANCE_PIN_FROM"] = pinFrom;
        if ((label == "a" ? A : B) is { } url) settings["CONFORMANCE_TARGET_URL"] = url;
        if (((label == "a" ? AuthA : AuthB) ?? Auth) is { } auth) settings["CONFORMANCE_AUTH"] = auth;
        return name => settings.GetValueOrDefault(name);
    }

    private static string Kind(string name, string value) =>
        value is "external" or "mock" ? value : throw new ArgumentException($"{name} must be external or mock, not '{value}'");

    private static string Url(string name, string? value)
    {
        if (value is null) throw new ArgumentException($"{name} <url> is required (both --a and --b); --help lists the options");
        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0
            ? value
            : throw new ArgumentException($"{name} '{value}' is not an http(s) URL");
    }

    private static string? Text(string? value) => value is { Length: > 0 } v ? v.Trim() : null;

    public static string Usage()
    {
        var lines = new List<string>
        {
            "Usage: tfc compare --a <url> --b <url> [options]",
            "Replays the documented requests (verify's plan and budgets) against two targets and reports, case by",
            "case, every field where b's answer differs from a's: status, messageId, fields present or missing,",
            "types, values, XML element names. Ids each target issued are mapped to each other; generated ids",
            "(applicationId, messageId of a template, pinId, processId) and epoch-millisecond times (sentAt,",
            "verifiedAt) are not compared by value. Exit 0: no difference beyond the profile; 1: differences;",
            "2: could not run (bad arguments, a target unreachable, credentials refused).",
            "",
        };
        lines.AddRange(OptionReader.HelpLines(Flags.Select(f => (f.Name, f.Value, f.Help, f.Variable))));
        lines.Add("");
        lines.Add("Example: COMPARE_AUTH_B=\"App $KEY\" tfc compare --a http://127.0.0.1:8080 --kind-a mock --b https://xyz.api.infobip.com --profile today --report-dir compare-report");
        return string.Join(System.Environment.NewLine, lines);
    }
}
