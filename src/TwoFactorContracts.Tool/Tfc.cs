using System.Reflection;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Tool.Diff;

namespace TwoFactorContracts.Tool;

/// <summary>
/// <c>tfc</c>'s dispatch: the first argument names a command, the rest are that command's. Each command is one
/// line in <see cref="Commands"/>; it parses its own options and prints its own --help.
/// </summary>
public static class Tfc
{
    /// <summary>Exit code for a usage error: unknown command or option, missing argument.</summary>
    public const int UsageError = 2;

    /// <summary>Every command, in the order --help lists them.</summary>
    public static readonly IReadOnlyList<ToolCommand> Commands =
    [
        new("mock", "Run the mock server (the same options as ./run-mock.sh).", "[options]",
            (args, stdout, stderr, cancel) => MockCommand.RunAsync(args, stdout, stderr, "tfc mock", cancel)),
        new("verify", "Verify a deployment (or the mock) against the contract; exit 1 when a case fails.", "--target <url> [options]",
            ConformanceTests.Command.VerifyCommand.RunAsync),
        new("compare", "Replay the documented requests against two targets; exit 1 when their answers differ.", "--a <url> --b <url> [options]",
            ConformanceTests.Command.CompareCommand.RunAsync),
        new("proxy", "A transparent proxy to a deployment that judges every exchange by the contract.", "--target <url> [options]",
            ConformanceTests.Proxy.ProxyCommand.RunAsync),
        new("export-mappings", "Write the contract's documented cases as WireMock mapping files.", "DIR [options]",
            ExportMappingsCommand.RunAsync),
        new("diff", "Compare two versions of the contract; exit 1 on a change that breaks clients.", "OLD NEW [options]",
            DiffCommand.RunAsync),
    ];

    /// <summary>Runs <c>tfc</c> with <paramref name="args"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        if (args.Length == 0)
        {
            await stderr.WriteLineAsync($"tfc: name a command ({string.Join(", ", Commands.Select(c => c.Name))}); run tfc --help.");
            return UsageError;
        }
        if (args[0] is "--help" or "-h" or "-?" or "help")
        {
            if (args.Length > 1 && args[0] == "help") return await RunAsync([args[1], "--help"], stdout, stderr, cancel);
            await stdout.WriteAsync(Help());
            return 0;
        }
        if (args[0] == "--version")
        {
            await stdout.WriteLineAsync(Version);
            return 0;
        }
        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            var what = args[0].StartsWith('-') ? "option" : "command";
            await stderr.WriteLineAsync($"tfc: unknown {what} '{args[0]}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))}; run tfc --help.");
            return UsageError;
        }
        return await command.Run(args[1..], stdout, stderr, cancel);
    }

    /// <summary>The tool's version (the package version).</summary>
    public static string Version =>
        typeof(Tfc).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The text of <c>tfc --help</c>.</summary>
    public static string Help()
    {
        var width = Commands.Max(c => c.Name.Length + c.Usage.Length + 1);
        return "Usage: tfc <command> [options]\n\n" +
               "TwoFactorContracts: a contract-first mock and gates for Infobip's 2FA Applications API. The contract\n" +
               "is built in (tfc mock --contract <file> serves another).\n\n" +
               "Commands:\n" +
               string.Concat(Commands.Select(c => $"  {(c.Name + " " + c.Usage).PadRight(width)}   {c.Summary}\n")) +
               "\nOptions:\n" +
               "  --help      Show this help; tfc <command> --help shows the command's options.\n" +
               "  --version   Show the tool's version.\n" +
               "\nExit codes: 0 success, 1 the command's check failed (or the mock could not start), 2 usage error.\n";
    }
}
