using System.Globalization;
using TwoFactorContracts.ConformanceTests.Command;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// <c>tfc proxy</c>'s flags. Throws <see cref="ArgumentException"/> with one line on anything it cannot read.
/// </summary>
public sealed class ProxyOptions
{
    private sealed record Flag(string Name, string? Value, string Help);

    private static readonly Flag[] Flags =
    [
        new("--target", "<url>", "Base URL of the deployment every request is forwarded to (required)."),
        new("--port", "<port>", "Port the proxy listens on (default 8081; 0: a free one, printed at start)."),
        new("--host", "<address>", "Address the proxy binds (default 127.0.0.1)."),
        new("--profile", "seed|today|<file>", "What the target may do differently (default seed: nothing), as tfc verify reads it;\nits entries are labelled accepted, never violations."),
        new("--mode", "strict|lenient", "strict compares error texts exactly; lenient (default) messageIds only."),
        new("--report-dir", "<dir>", "Where exchanges.jsonl (live), summary.md, junit.xml and coverage.json go\n(default proxy-report)."),
        new("--max-body", "<bytes>", "The most of a body (request or answer) that is validated: 1048576, 64k or 1m\n(default 1m). A larger body is forwarded whole and marked \"not validated: too large\"."),
        new("--timeout", "<time>", "How long the target may stay silent (seconds, or 500ms, 30s; default 30): then 504."),
        new("--duration", "<time>", "Stop after this long and write the reports (default: run until Ctrl-C or SIGTERM)."),
        new("--annotate", null, "Add X-Tfc-Proxy-Violations (the exchange's violation count) to every answer; the\nanswer is held (up to --max-body) until it is judged."),
        new("--errors", null, "Replace an answer that breaks the contract with a 502 in the API's error\nenvelope listing the violations (held like --annotate)."),
        new("--write-baseline", "<file>", "On stop, write a profile accepting every violation observed (as tfc verify does)."),
        new("--help", null, "Show this help."),
    ];

    public Uri? Target { get; private set; }

    public int Port { get; private set; } = 8081;

    public string Host { get; private set; } = "127.0.0.1";

    public string Profile { get; private set; } = Profiles.TargetProfile.Seed;

    public ConformanceMode Mode { get; private set; } = ConformanceMode.Lenient;

    public string ReportDir { get; private set; } = "proxy-report";

    public int MaxBody { get; private set; } = 1 << 20;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(30);

    public TimeSpan? Duration { get; private set; }

    public bool Annotate { get; private set; }

    public bool Errors { get; private set; }

    public string? WriteBaseline { get; private set; }

    public bool Help { get; private set; }

    /// <summary>The answer is held until judged (to annotate it or replace it), else it streams.</summary>
    public bool Holds => Annotate || Errors;

    public static ProxyOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ProxyOptions();
        foreach (var (name, value) in OptionReader.Read(args, Flags.Select(f => (f.Name, f.Value)),
                     name => $"unknown option '{name}'; tfc proxy --help lists the options"))
        {
            switch (name)
            {
                case "--target":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
                        throw new ArgumentException($"--target '{value}' is not an http(s) URL");
                    options.Target = target;
                    break;
                case "--port":
                    options.Port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
                        ? port : throw new ArgumentException($"--port must be 0 to 65535, not '{value}'");
                    break;
                case "--host": options.Host = value; break;
                case "--profile": options.Profile = value; break;
                case "--mode":
                    options.Mode = value switch
                    {
                        "strict" => ConformanceMode.Strict,
                        "lenient" => ConformanceMode.Lenient,
                        _ => throw new ArgumentException($"--mode must be strict or lenient, not '{value}'"),
                    };
                    break;
                case "--report-dir": options.ReportDir = value; break;
                case "--max-body": options.MaxBody = Bytes(value); break;
                case "--timeout": options.Timeout = ConformanceSettings.ParseTime(value, "--timeout"); break;
                case "--duration": options.Duration = ConformanceSettings.ParseTime(value, "--duration"); break;
                case "--annotate": options.Annotate = true; break;
                case "--errors": options.Errors = true; break;
                case "--write-baseline": options.WriteBaseline = value; break;
                case "--help": options.Help = true; break;
            }
        }
        if (!options.Help && options.Target is null)
            throw new ArgumentException("--target <url> is required; tfc proxy --help lists the options");
        return options;
    }

    /// <summary>A byte count: 1048576, 64k, 1m (binary units).</summary>
    private static int Bytes(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        var (digits, unit) = t.EndsWith('k') ? (t[..^1], 1024L) : t.EndsWith('m') ? (t[..^1], 1024L * 1024) : (t, 1L);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n * unit is > 0 and <= 256L * 1024 * 1024
            ? (int)(n * unit)
            : throw new ArgumentException($"--max-body must be a size above 0 and at most 256m (1048576, 64k, 1m), not '{text}'");
    }

    public static string Usage()
    {
        var lines = new List<string>
        {
            "Usage: tfc proxy --target <url> [options]",
            "",
            "A transparent proxy in front of a deployment: every request and answer passes unchanged and is judged",
            "by the checks of tfc verify against the contract (and the profile). Reports: exchanges.jsonl live, and",
            "summary.md, junit.xml and coverage.json on stop (Ctrl-C, SIGTERM or --duration). The page /__proxy",
            "shows the last exchanges.",
            "",
            "Options:",
        };
        foreach (var flag in Flags)
        {
            var head = $"  {flag.Name}{(flag.Value is null ? "" : " " + flag.Value)}";
            var help = flag.Help.Split('\n');
            lines.Add(head.Length < 30 ? head.PadRight(30) + help[0] : head + "\n" + new string(' ', 30) + help[0]);
            lines.AddRange(help.Skip(1).Select(h => new string(' ', 30) + h));
        }
        lines.Add("");
        lines.Add("Exit codes: 0 stopped with no violation seen, 1 violations seen, 2 could not start (bad option, port taken).");
        return string.Join('\n', lines);
    }
}
