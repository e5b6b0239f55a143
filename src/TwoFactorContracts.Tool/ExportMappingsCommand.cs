using TwoFactorContracts.MockServer.Examples;

namespace TwoFactorContracts.Tool;

/// <summary><c>tfc export-mappings DIR</c>: the contract's documented cases as WireMock mapping files (the mock's --export-mappings).</summary>
public static class ExportMappingsCommand
{
    /// <summary>Exit codes: 0 written, 1 could not write, 2 usage error.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        string? dir = null, contract = null;
        var format = MappingExport.WireMockNet;
        var createStatus = 200;
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            if (name is "--help" or "-h" or "-?")
            {
                stdout.Write(Help());
                return Task.FromResult(0);
            }
            if (!name.StartsWith('-'))
            {
                if (dir is not null) return Usage(stderr, $"takes one folder, got '{dir}' and '{name}'.");
                dir = name;
                continue;
            }
            if (name is not ("--format" or "--contract" or "--create-status"))
                return Usage(stderr, $"unknown option '{name}'. Run tfc export-mappings --help to see the options.");
            var value = inline ?? (i + 1 < args.Length ? args[++i] : null);
            if (value is null) return Usage(stderr, $"{name} needs a value.");
            switch (name)
            {
                case "--format" when value is MappingExport.WireMockNet or MappingExport.WireMock:
                    format = value;
                    break;
                case "--format":
                    return Usage(stderr, $"--format must be {MappingExport.WireMockNet} or {MappingExport.WireMock}, not '{value}'.");
                case "--contract":
                    contract = value;
                    break;
                case "--create-status" when value is "200" or "201":
                    createStatus = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                default:
                    return Usage(stderr, $"--create-status must be 200 or 201, not '{value}'.");
            }
        }
        if (dir is null) return Usage(stderr, "needs a folder: tfc export-mappings DIR");
        return Task.FromResult(MappingExport.Run(dir, format, stdout, stderr, contract, createStatus));
    }

    private static Task<int> Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"tfc export-mappings: {message}");
        return Task.FromResult(Tfc.UsageError);
    }

    /// <summary>The text of <c>tfc export-mappings --help</c>.</summary>
    public static string Help() =>
        "Usage: tfc export-mappings DIR [options]\n\n" +
        "Writes the contract's documented cases as WireMock mapping files into DIR, one file per case (its plain\n" +
        "stub and its Prefer stubs together), for WireMock.Net's static mappings or WireMock's --root-dir.\n\n" +
        "Options:\n" +
        "  --format wiremock-net|wiremock   wiremock-net (default): WireMock.Net files in DIR; wiremock: WireMock's own\n" +
        "                                   format in DIR/mappings, so DIR is a WireMock --root-dir.\n" +
        "  --contract <file>                Contract to export (default: the one built in).\n" +
        "  --create-status 200|201          Status of a documented successful create (default 200).\n" +
        "  --help                           Show this help.\n\n" +
        "Exit codes: 0 written, 1 could not write, 2 usage error.\n";
}
