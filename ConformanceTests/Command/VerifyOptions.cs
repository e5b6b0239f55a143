namespace TwoFactorContracts.ConformanceTests.Command;

/// <summary>
/// The command's flags. Each flag that has a CONFORMANCE_* variable is read as that variable (the flag wins), so
/// the command and the xunit face read settings in one place (<see cref="Runner.ConformanceSettings"/>).
/// </summary>
public sealed class VerifyOptions
{
    private sealed record Flag(string Name, string? Value, string? Variable, string Help);

    private static readonly Flag[] Flags =
    [
        new("--target", "<url>", "CONFORMANCE_TARGET_URL", "Base URL of the deployment to verify (required unless --list)."),
        new("--auth", "\"<scheme> <value>\"", "CONFORMANCE_AUTH", "Authorization header value (App <key>, Basic ..., IBSSO ..., Bearer ...). Never printed;\nprefer the variable, which stays out of shell history."),
        new("--forbidden-auth", "\"<scheme> <value>\"", "CONFORMANCE_FORBIDDEN_AUTH", "A credential the target answers 403 (no 2FA permission): the documented 403\ncases are sent with it. Never printed."),
        new("--profile", "seed|today|<file>", "CONFORMANCE_PROFILE", "What the target may do differently (default seed: nothing). today: today's Infobip API."),
        new("--mode", "strict|lenient", "CONFORMANCE_MODE", "strict compares error texts exactly; lenient (default for a URL) messageIds only."),
        new("--target-kind", "external|mock", "CONFORMANCE_TARGET_KIND", "mock: the URL is our mock (enables the Prefer cases, strict mode)."),
        new("--read-only", null, "CONFORMANCE_READ_ONLY", "Send only what cannot write (reads, 401s, 404s)."),
        new("--only", "<case glob>", null, "Run only the cases whose id matches, e.g. 'createApplication/*' or '*/xml'."),
        new("--list", null, null, "Print the case ids the run would send, in order, and exit."),
        new("--junit", "<file>", null, "Write JUnit XML."),
        new("--markdown", "<file>", "CONFORMANCE_REPORT", "Write the Markdown summary."),
        new("--json", "<file>", null, "Write the results as JSON."),
        new("--timeout", "<time>", "CONFORMANCE_TIMEOUT", "Per request, body included: seconds (2.5) or a time (500ms, 30s). Default 10."),
        new("--deadline", "<time>", "CONFORMANCE_DEADLINE", "The whole run, as --timeout (e.g. 15m): when it passes the run stops, the rest is\n\"not run\" and the reports are written for what ran. Default: none."),
        new("--max-creates", "<n>", "CONFORMANCE_MAX_CREATES", "Most applications the run creates on purpose (default 8); the API has no delete."),
        new("--no-wait", null, "CONFORMANCE_NO_WAIT", "When a budget is spent, mark the rest \"not run: budget\" instead of waiting."),
        new("--budget", "<op>=<N>/<window>", "CONFORMANCE_BUDGET", "Plan within N requests of op (list, create, get, update, or any operationId:\nsendPinOverSms=5/1m) per window, e.g. create=20/10m (repeatable; overrides the\nprofile's)."),
        new("--pin-from", "<url|command>", "CONFORMANCE_PIN_FROM", "How to read the PIN a send issued, for the right-PIN steps against a real\ndeployment: a URL (GET; {pinId} and {to} filled in) answering the PIN as text,\n{\"pin\":\"...\"} or the mock's outbox JSON; or a command run by the shell with\nthe pinId and phone number as $1 and $2 (and PIN_ID, PIN_TO) printing the PIN.\nWithout it those steps run only against our mock (its outbox); elsewhere they\nare \"not run\" with the reason."),
        new("--pin-to", "<msisdn>", "CONFORMANCE_PIN_TO", "The phone number the PIN flow sends to (default: the contract's example).\nAgainst a real deployment, a number you can read."),
        new("--no-expiry", null, "CONFORMANCE_NO_EXPIRY", "Skip flow/expiry against a target that is not our mock (it sets pinTimeToLive 2s on\nthe flow's application, sends, waits 3 s and verifies)."),
        new("--admin-auth", "\"Basic <value>\"", "CONFORMANCE_ADMIN_AUTH", "Our mock's admin credentials (--admin-user/--admin-password), for its outbox\nand clock. Never printed."),
        new("--write-baseline", "<file>", null, "Write a profile accepting what fails now, so CI gates on regressions only."),
        new("--help", null, null, "Show this help."),
    ];

    public Dictionary<string, string> Variables { get; } = [];

    public string? Only { get; private set; }

    public bool List { get; private set; }

    public bool Help { get; private set; }

    public string? Junit { get; private set; }

    public string? Json { get; private set; }

    public string? WriteBaseline { get; private set; }

    /// <summary>Reads the flags; throws <see cref="ArgumentException"/> with one line on anything it cannot read.</summary>
    public static VerifyOptions Parse(IReadOnlyList<string> args)
    {
        var options = new VerifyOptions();
        var budgets = new List<string>();
        foreach (var (name, value) in OptionReader.Read(args, Flags.Select(f => (f.Name, f.Value)), name => $"unknown option '{name}' (see --help)"))
        {
            var flag = Flags.First(f => f.Name == name);
            switch (name)
            {
                case "--only": options.Only = value; break;
                case "--list": options.List = true; break;
                case "--help": options.Help = true; break;
                case "--junit": options.Junit = value; break;
                case "--json": options.Json = value; break;
                case "--write-baseline": options.WriteBaseline = value; break;
                case "--budget": budgets.Add(value); break;
                default: options.Variables[flag.Variable!] = value; break;
            }
        }
        if (budgets.Count > 0) options.Variables["CONFORMANCE_BUDGET"] = string.Join(';', budgets);
        return options;
    }

    /// <summary>The settings lookup: a flag, else the environment.</summary>
    public Func<string, string?> Environment(Func<string, string?> env) =>
        name => Variables.TryGetValue(name, out var value) ? value : env(name);

    public static string Usage()
    {
        var lines = new List<string>
        {
            "Usage: dotnet run --project ConformanceTests -- --target <url> [options]",
            "Verifies a deployment of the 2FA applications API against openapi/2fa-applications.yaml.",
            "Exit 0: conforms (deviations the profile accepts and cases not run for budget are not failures);",
            "1: a case failed; 2: could not run (bad arguments or profile, target unreachable, credentials refused),",
            "or stopped (Ctrl-C, --deadline) with nothing failed; a stopped run still writes its reports for what ran.",
            "",
        };
        lines.AddRange(OptionReader.HelpLines(Flags.Select(f => (f.Name, f.Value, f.Help, f.Variable))));
        lines.Add("");
        lines.Add("Example: CONFORMANCE_AUTH=\"App $KEY\" dotnet run --project ConformanceTests -- --target https://xyz.api.infobip.com --profile today");
        lines.Add("With the right PIN read from your SMS inbox (a command, or a URL with {pinId} and {to}):");
        lines.Add("  ... --profile today --pin-to 447700900456 --pin-from 'curl -sf \"https://inbox.example/last?to=$2\"'");
        return string.Join(System.Environment.NewLine, lines);
    }
}
