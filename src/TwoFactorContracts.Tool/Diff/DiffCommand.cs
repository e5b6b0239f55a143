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
        List<string>? documents = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    await stdout.WriteAsync(Help());
                    return 0;
                case "--against-document":
                    documents ??= [];
                    while (i + 1 < args.Length && !args[i + 1].StartsWith('-')) documents.Add(args[++i]);
                    if (documents.Count == 0) return await Usage(stderr, "--against-document needs one or more document files.");
                    break;
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
        if (documents is not null) return await AgainstDocumentsAsync(files, documents, format, stdout, stderr, cancel);
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

    /// <summary><c>tfc diff [NEW] --against-document FILE...</c>: 0 every difference is marked, 1 one is UNMARKED, 2 a file cannot be read.</summary>
    private static async Task<int> AgainstDocumentsAsync(List<string> files, List<string> documentFiles, string format, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (files.Count > 1) return await Usage(stderr, $"--against-document compares one contract (NEW, or the built-in one) with the documents (got {files.Count} contracts).");
        var contractFile = files.Count == 1 ? files[0] : TwoFactorContracts.Contract.ContractDocument.DefaultPath;
        Microsoft.OpenApi.OpenApiDocument ours;
        var documents = new List<(string, Microsoft.OpenApi.OpenApiDocument)>();
        try
        {
            ours = await ContractFile.ReadAsync(contractFile, cancel);
            foreach (var file in documentFiles) documents.Add((file, await ContractFile.ReadAsync(file, cancel)));
        }
        catch (ContractReadException e)
        {
            await stderr.WriteLineAsync($"tfc diff: {e.Message}");
            return Tfc.UsageError;
        }
        var report = new DocumentGateReport(files.Count == 1 ? contractFile : "the built-in contract", ours.Info?.Version, DocumentGate.Compare(ours, documents));
        await stdout.WriteAsync(report.Render(format));
        return report.Unmarked > 0 ? 1 : 0;
    }

    private static async Task<int> Usage(TextWriter stderr, string message)
    {
        await stderr.WriteLineAsync($"tfc diff: {message}");
        return Tfc.UsageError;
    }

    /// <summary>The text of <c>tfc diff --help</c>, with every rule.</summary>
    public static string Help() =>
        "Usage: tfc diff OLD NEW [options]\n" +
        "       tfc diff [NEW] --against-document FILE [FILE...] [options]\n\n" +
        "Compares two versions of the contract (YAML or JSON) from a client's side and lists every change as\n" +
        "breaking or not, with where it is: operation, request/response and media type, field path.\n\n" +
        "Options:\n" +
        "  --format text|json|markdown\n" +
        "                        Output: one line per change (default), one JSON document, or a Markdown table\n" +
        "                        (e.g. for a pull-request comment).\n" +
        "  --allow-major-bump    Pass despite breaking changes when NEW's info.version major number is higher\n" +
        "                        than OLD's (the change is announced as breaking).\n" +
        "  --against-document FILE [FILE...]\n" +
        "                        The document gate: compare the contract (NEW, or the built-in one) with official\n" +
        "                        documents (the paths' {appId}/{msgId} read as {applicationId}/{messageId}): paths,\n" +
        "                        operations, statuses, fields, required, defaults, enums, XML names. Every\n" +
        "                        difference is 'marked: seed', 'marked: ours <decision>', 'marked: not modelled'\n" +
        "                        (info.x-not-modelled) or UNMARKED; exit 1 when one is UNMARKED.\n" +
        "  --help                Show this help.\n\n" +
        "Exit codes: 0 no breaking change (no UNMARKED difference), 1 a breaking change (an UNMARKED difference),\n" +
        "2 usage error or a file that cannot be read.\n\n" +
        "Rules:\n" +
        string.Concat(ChangeRules.All.Select(r => $"  {(r.Value.Breaking ? "breaking" : "non-breaking"),-13} {r.Key,-25} {r.Value.Meaning}\n"));
}
