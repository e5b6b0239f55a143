using TwoFactorContracts.Contract;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// <c>--export-mappings DIR</c>: writes the contract's case stubs as mapping files, one file per documented
/// case (its plain stub and its Prefer stubs together), named like the case: <c>createApplication--missingName--xml.json</c>.
/// <c>wiremock-net</c> (default) writes WireMock.Net mapping files into DIR; <c>wiremock</c> writes WireMock's own
/// format into DIR/mappings, so DIR is a WireMock <c>--root-dir</c>.
/// </summary>
public static class MappingExport
{
    public const string WireMockNet = "wiremock-net";
    public const string WireMock = "wiremock";

    /// <summary>Writes the files and returns the exit code (0 written, 2 bad arguments, 1 could not write).</summary>
    public static int Run(string dir, string format, TextWriter stdout, TextWriter stderr, string? contractPath = null, int createStatus = 200)
    {
        if (string.IsNullOrWhiteSpace(dir))
        {
            stderr.WriteLine("error: --export-mappings needs a folder: --export-mappings DIR");
            return 2;
        }
        if (format is not (WireMockNet or WireMock))
        {
            stderr.WriteLine($"error: --export-format must be {WireMockNet} or {WireMock}, not '{format}'.");
            return 2;
        }
        try
        {
            var contract = ContractDocument.Load(contractPath);
            var folder = format == WireMock ? Path.Combine(dir, "mappings") : dir;
            Directory.CreateDirectory(folder);
            var files = 0;
            var stubs = 0;
            foreach (var group in CaseMappings.From(contract, createStatus).GroupBy(m => CaseStem(m.FileStem)))
            {
                var text = format == WireMock ? JavaFile([.. group]) : NetFile([.. group]);
                File.WriteAllText(Path.Combine(folder, group.Key + ".json"), text, new UTF8Encoding(false));
                files++;
                stubs += group.Count();
            }
            stdout.WriteLine($"Wrote {files} {(format == WireMock ? "WireMock" : "WireMock.Net")} mapping files ({stubs} stubs, one file per documented case) to {Path.GetFullPath(folder)}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            stderr.WriteLine($"error: could not export the mappings to '{dir}': {e.Message}");
            return 1;
        }
    }

    /// <summary>The case's file name: a Prefer stub (<c>…--prefer</c>, <c>…--prefer-201</c>) joins its case's file.</summary>
    private static string CaseStem(string stem) => stem.Split("--prefer")[0];

    /// <summary>WireMock.Net reads a file holding one mapping or an array of them.</summary>
    private static string NetFile(IReadOnlyList<CaseMapping> mappings)
    {
        var models = mappings.Select(WireMockNetMappings.ToModel).ToArray();
        var settings = new JsonSerializerSettings
        {
            NullValueHandling = NullValueHandling.Ignore,
            Formatting = Formatting.Indented,
            Converters = [new Newtonsoft.Json.Converters.StringEnumConverter()], // "EarlyMatcherType": "Header", not 5
        };
        return models.Length == 1 ? JsonConvert.SerializeObject(models[0], settings) : JsonConvert.SerializeObject(models, settings);
    }

    /// <summary>WireMock reads a file holding one stub or <c>{"mappings": [...]}</c>.</summary>
    private static string JavaFile(IReadOnlyList<CaseMapping> mappings)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        return mappings.Count == 1
            ? WireMockJavaMappings.ToJson(mappings[0]).ToJsonString(options)
            : new JsonObject { ["mappings"] = new JsonArray([.. mappings.Select(WireMockJavaMappings.ToJson)]) }.ToJsonString(options);
    }
}
