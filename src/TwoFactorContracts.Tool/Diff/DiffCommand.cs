namespace TwoFactorContracts.Tool.Diff;

/// <summary><c>tfc diff OLD NEW</c>: the contract's breaking-change gate.</summary>
public static class DiffCommand
{
    /// <summary>Exit codes: 0 no breaking change (or allowed by --allow-major-bump), 1 breaking, 2 usage or unreadable file.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var files = new List<string>();
        var format = "text";
        var allowMajorBump = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    await stdout.WriteAsync(Help());
                    return 0;
                case "--allow-major-bump":
                    allowMajorBump = true;
                    break;
                case "--format" when i + 1 < args.Length:
                    format = args[++i];
                    break;
                case "--format":
                    return await Usage(stderr, "--format needs a value: --format text|json|markdown");
                default:
                    if (arg.StartsWith("--format=", StringComparison.Ordinal)) format = arg["--format=".Length..];
                    else if (arg.StartsWith('-')) return await Usage(stderr, $"unknown option '{arg}'. Run tfc diff --help to see the options.");
                    else files.Add(arg);
                    break;
            }
        }
        if (!DiffReport.Formats.Contains(format)) return await Usage(stderr, $"--format must be {string.Join(", ", DiffReport.Formats)}, not '{format}'.");
        if (files.Count != 2) return await Usage(stderr, $"needs two contract files, OLD and NEW (got {files.Count}). Run tfc diff --help.");

        Microsoft.OpenApi.OpenApiDocument old, @new;
        try
        {
            old = await ContractFile.ReadAsync(files[0], cancel);
            @new = await ContractFile.ReadAsync(files[1], cancel);
        }
        catch (ContractReadException e)
        {
            await stderr.WriteLineAsync($"tfc diff: {e.Message}");
            return Tfc.UsageError;
        }

        var (oldMajor, newMajor) = (ContractFile.MajorVersion(old), ContractFile.MajorVersion(@new));
        var report = new DiffReport(files[0], old.Info?.Version, files[1], @new.Info?.Version, ContractDiff.Compare(old, @new),
            MajorRaised: oldMajor is not null && newMajor > oldMajor, allowMajorBump);
        await stdout.WriteAsync(report.Render(format));
        return report.Fails ? 1 : 0;
    }

    private static async Task<int> Usage(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"tfc diff: {message}");
        return Tfc.UsageError;
    }

    /// <summary>The text of <c>tfc diff --help</c>, with every rule.</summary>
    public static string Help() =>
        "Usage: tfc diff OLD NEW [options]\n\n" +
        "Compares two versions of the contract (YAML or JSON) from a client's side and lists every change as\n" +
        "breaking or not, with where it is: operation, request/response and media type, field path.\n\n" +
        "Options:\n" +
        "  --format text|json|markdown\n" +
        "                        Output: one line per change (default), one JSON document, or a Markdown table\n" +
        "                        (e.g. for a pull-request comment).\n" +
        "  --allow-major-bump    Pass despite breaking changes when NEW's info.version major number is higher\n" +
        "                        than OLD's (the change is announced as breaking).\n" +
        "  --help                Show this help.\n\n" +
        "Exit codes: 0 no breaking change, 1 a breaking change, 2 usage error or a file that cannot be read.\n\n" +
        "Rules:\n" +
        string.Concat(ChangeRules.All.Select(r => $"  {(r.Value.Breaking ? "breaking" : "non-breaking"),-13} {r.Key,-25} {r.Value.Meaning}\n"));
}
