using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>
/// Issue 12's proof that the contract drives the fields: a copy of the repository (its tracked files) gets two
/// optional configuration fields in the YAML only, an int32 with a default and a minimum and a time, and is
/// built (./run-mock.sh publishes the copy). The mock built from the copy then reads, validates (in the real
/// API's wording), stores, merges and writes them in JSON and XML, and the conformance suite derives and
/// passes their cases. Every C# file of the copy is the repository's own. Slow (one Release build of the
/// copy, bounded); one class so it runs once.
/// </summary>
public sealed class AddedFieldTests : IAsyncLifetime
{
    private const string IntField = "pinLength";
    private const string TimeField = "resendDelay";
    private static readonly TimeSpan BuildAndStartLimit = TimeSpan.FromMinutes(12);

    private string _copy = null!;
    private TwoFactorMockProcess? _mock;
    private Uri _baseUrl = null!;
    private HttpClient _http = null!;

    private string ContractPath => Path.Combine(_copy, "openapi", ContractDocument.FileName);

    public async Task InitializeAsync()
    {
        var root = RepositoryRoot();
        _copy = Directory.CreateTempSubdirectory("fieldmodel-copy-").FullName;
        foreach (var file in TrackedFiles(root))
        {
            var target = Path.Combine(_copy, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(root, file), target);
        }
        File.WriteAllText(ContractPath, WithAddedFields(File.ReadAllText(ContractPath)));

        // Build the copy and start its mock on a free port; ready when it says where it listens.
        _mock = await TwoFactorMockProcess.StartAsync(new TwoFactorMockProcessOptions
        {
            FileName = Path.Combine(_copy, "run-mock.sh"),
            WorkingDirectory = _copy,
            StartTimeout = BuildAndStartLimit,
        });
        _baseUrl = _mock.BaseUrl;
        _http = new HttpClient { BaseAddress = _baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("App", "added-field");
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_mock is not null) await _mock.DisposeAsync();
        try { Directory.Delete(_copy, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task An_optional_field_added_to_the_yaml_works_end_to_end_with_no_code_change()
    {
        // Only the contract differs from the repository: every C# file (and every other file) is its own.
        var root = RepositoryRoot();
        var changed = TrackedFiles(root).Where(f => !SameBytes(Path.Combine(root, f), Path.Combine(_copy, f))).ToList();
        changed.ShouldBe([Path.Combine("openapi", ContractDocument.FileName)]);

        // Create: the int is read and stored; the time is left out and takes its default.
        var created = await Json(HttpMethod.Post, "/2fa/2/applications", $$$"""{"name":"added","configuration":{"{{{IntField}}}":8}}""", 200);
        var id = created["applicationId"]!.GetValue<string>();
        created["configuration"]![IntField]!.GetValue<int>().ShouldBe(8);
        created["configuration"]![TimeField]!.GetValue<string>().ShouldBe("30s");

        // Defaults when both are left out.
        var plain = await Json(HttpMethod.Post, "/2fa/2/applications", """{"name":"plain"}""", 200);
        plain["configuration"]![IntField]!.GetValue<int>().ShouldBe(6);

        // Validation in the real API's wording: the contract's minimum and the time format.
        var invalid = await Json(HttpMethod.Post, "/2fa/2/applications", $$$"""{"name":"x","configuration":{"{{{IntField}}}":3,"{{{TimeField}}}":"soon"}}""", 400);
        invalid["requestError"]!["serviceException"]!["text"]!.GetValue<string>().ShouldBe(
            $"[configuration.{IntField} : must be greater than or equal to 4, configuration.{TimeField} : Time format should be \"{{timeLength}}{{timeUnit}}\". Time units can be: ms, s, m, h, d]");
        (await Json(HttpMethod.Post, "/2fa/2/applications", $$$"""{"name":"x","configuration":{"{{{IntField}}}":"8"}}""", 400))
            ["requestError"]!["serviceException"]!["text"]!.GetValue<string>().ShouldBe($"[configuration.{IntField} : must be a 32-bit integer]");

        // Update merges: the time changes (normalised to the largest unit), the int is kept.
        var updated = await Json(HttpMethod.Put, $"/2fa/2/applications/{id}", $$$"""{"name":"added","configuration":{"{{{TimeField}}}":"120s"}}""", 200);
        updated["configuration"]![IntField]!.GetValue<int>().ShouldBe(8);
        updated["configuration"]![TimeField]!.GetValue<string>().ShouldBe("2m");

        // XML in and out, by the same table.
        using var xmlRequest = new HttpRequestMessage(HttpMethod.Put, $"/2fa/2/applications/{id}")
        {
            Content = new StringContent($"<request><name>added</name><configuration><{IntField}>9</{IntField}></configuration></request>", Encoding.UTF8, "application/xml"),
        };
        xmlRequest.Headers.Accept.ParseAdd("application/xml");
        using var xmlResponse = await _http.SendAsync(xmlRequest);
        var xml = XElement.Parse(await xmlResponse.Content.ReadAsStringAsync());
        ((int)xmlResponse.StatusCode).ShouldBe(200, xml.ToString());
        xml.Element("configuration")!.Element(IntField)!.Value.ShouldBe("9");
        xml.Element("configuration")!.Element(TimeField)!.Value.ShouldBe("2m");

        // Stored: a get reads back what the update left.
        var got = await Json(HttpMethod.Get, $"/2fa/2/applications/{id}", null, 200);
        got["configuration"]![IntField]!.GetValue<int>().ShouldBe(9);

        // The conformance suite: the contract's new constraints become negative cases, and the copy's mock
        // passes them and the documented cases (which now expect the new defaults).
        var contract = ContractDocument.Load(ContractPath);
        var negatives = NegativeCases.For(contract).Where(n => n.Field.EndsWith(IntField) || n.Field.EndsWith(TimeField)).ToList();
        new[] { "type", "minimum", "int32", "pattern" }.ShouldBeSubsetOf(negatives.Select(n => n.Rule).Distinct());
        var settings = ConformanceSettings.FromEnvironment(n => n switch
        {
            "CONFORMANCE_RUN_ID" => "added-field",
            "CONFORMANCE_TIMEOUT" => "30s",
            _ => null,
        });
        using var runner = new ConformanceRunner(new ConformanceTarget(_baseUrl, TargetKind.StatefulMock), settings, contract);
        var results = new List<CaseResult>();
        foreach (var negative in negatives) results.Add(await runner.RunAsync(negative));
        foreach (var c in contract.Cases.Where(c => c.Operation.HasRequestBody && c.ExpectsSuccess)) results.Add(await runner.RunAsync(c));
        results.Where(r => !r.Passed).ShouldBeEmpty(string.Join("\n", results.Where(r => !r.Passed).Select(r => r.Describe())));
    }

    private async Task<JsonNode> Json(HttpMethod method, string path, string? body, int status)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(status, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The contract with two optional configuration fields added after the last one.</summary>
    private static string WithAddedFields(string yaml)
    {
        const string anchor = "\n    ApplicationResponse:\n";
        var at = yaml.IndexOf(anchor, StringComparison.Ordinal);
        at.ShouldBeGreaterThan(0, "the contract's ApplicationResponse schema follows ApplicationConfiguration");
        const string added = $$"""
                    {{IntField}}:
                      type: integer
                      format: int32
                      nullable: true
                      minimum: 4
                      default: 6
                      description: Digits in a PIN (added by AddedFieldTests).
                    {{TimeField}}:
                      type: string
                      format: api-time
                      nullable: true
                      pattern: '^[1-9][0-9]*(ms|s|m|h|d)$'
                      default: 30s
                      description: Wait before a PIN may be resent (added by AddedFieldTests).
            """;
        return yaml[..at] + "\n" + added.TrimEnd() + yaml[at..];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "run-mock.sh")) && File.Exists(Path.Combine(dir.FullName, "openapi", ContractDocument.FileName)))
                return dir.FullName;
        throw new InvalidOperationException("The repository root (run-mock.sh) is not above the test assembly.");
    }

    private static IReadOnlyList<string> TrackedFiles(string root)
    {
        var info = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var git = Process.Start(info)!;
        var listed = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, "git ls-files");
        // Files deleted in the work tree but not yet committed are not copied.
        return listed.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(root, f))).ToList();
    }

    private static bool SameBytes(string a, string b) =>
        File.Exists(b) && SHA256.HashData(File.ReadAllBytes(a)).AsSpan().SequenceEqual(SHA256.HashData(File.ReadAllBytes(b)));
}
