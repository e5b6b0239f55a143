using System.Text.Json;

namespace TwoFactorContracts.Tool.Diff;

/// <summary><c>tfc diff OLD NEW</c>: the contract's breaking-change gate.</summary>
public static class DiffCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

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
                    return await Usage(stderr, "--format needs a value: --format text|json");
                default:
                    if (arg.StartsWith("--format=", StringComparison.Ordinal)) format = arg["--format=".Length..];
                    else if (arg.StartsWith('-')) return await Usage(stderr, $"unknown option '{arg}'. Run tfc diff --help to see the options.");
                    else files.Add(arg);
                    break;
            }
        }
        if (format is not ("text" or "json")) return await Usage(stderr, $"--format must be text or json, not '{format}'.");
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

        var changes = ContractDiff.Compare(old, @new);
        var breaking = changes.Count(c => c.Breaking);
        var (oldMajor, newMajor) = (ContractFile.MajorVersion(old), ContractFile.MajorVersion(@new));
        var majorRaised = oldMajor is not null && newMajor > oldMajor;
        var fails = breaking > 0 && !(allowMajorBump && majorRaised);

        if (format == "json")
        {
            await stdout.WriteLineAsync(JsonSerializer.Serialize(new
            {
                old = new { file = files[0], version = old.Info?.Version },
                @new = new { file = files[1], version = @new.Info?.Version },
                breaking,
                nonBreaking = changes.Count - breaking,
                majorRaised,
                passed = !fails,
                changes = changes.Select(c => new
                {
                    c.Rule, c.Breaking, location = c.Location.ToString(),
                    c.Location.Operation, c.Location.Part, c.Location.Field, c.Detail,
                }),
            }, Json));
        }
        else
        {
            await stdout.WriteLineAsync($"{files[0]} ({old.Info?.Version}) -> {files[1]} ({@new.Info?.Version}): {breaking} breaking, {changes.Count - breaking} non-breaking");
            foreach (var change in changes.OrderByDescending(c => c.Breaking))
                await stdout.WriteLineAsync($"{(change.Breaking ? "BREAKING" : "non-breaking"),-13} {change.Rule,-25} {change.Location}: {change.Detail}");
            if (breaking > 0 && !fails)
                await stdout.WriteLineAsync($"Allowed: info.version's major number was raised ({oldMajor} -> {newMajor}).");
            else if (fails && allowMajorBump)
                await stdout.WriteLineAsync($"Not allowed: breaking changes need info.version's major number raised (it is {old.Info?.Version} -> {@new.Info?.Version}).");
        }
        return fails ? 1 : 0;
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
        "  --format text|json    Output: one line per change (default), or one JSON document.\n" +
        "  --allow-major-bump    Pass despite breaking changes when NEW's info.version major number is higher\n" +
        "                        than OLD's (the change is announced as breaking).\n" +
        "  --help                Show this help.\n\n" +
        "Exit codes: 0 no breaking change, 1 a breaking change, 2 usage error or a file that cannot be read.\n\n" +
        "Rules:\n" +
        string.Concat(ChangeRules.All.Select(r => $"  {(r.Value.Breaking ? "breaking" : "non-breaking"),-13} {r.Key,-25} {r.Value.Meaning}\n"));
}
