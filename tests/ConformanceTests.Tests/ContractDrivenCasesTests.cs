using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.MockServer;

namespace TwoFactorContracts.ConformanceTests;

/// <summary>An example added to the contract becomes a case, and runs, with no code change.</summary>
public class ContractDrivenCasesTests
{
    [Fact]
    public async Task An_example_added_to_the_contract_becomes_a_case_that_runs()
    {
        var path = await ContractWithNewExampleAsync("zeroAttempts",
            request: new JsonObject { ["name"] = "n", ["configuration"] = new JsonObject { ["pinAttempts"] = 0 } },
            error: new JsonObject { ["requestError"] = new JsonObject { ["serviceException"] = new JsonObject
            {
                ["messageId"] = "BAD_REQUEST", ["text"] = "[configuration.pinAttempts : must be greater than or equal to 1]",
            } } });
        try
        {
            var contract = ContractDocument.Load(path);
            var added = contract.Cases.Single(c => c.Id == "createApplication/zeroAttempts/json");
            added.Statuses.ShouldBe([400]);
            added.RequestBody!.Name.ShouldBe("zeroAttempts");
            contract.Cases.Count().ShouldBe(ContractDocument.Load().Cases.Count() + 1);

            await using var mock = await MockTargets.StartAsync(MockMode.Stateful);
            var lenient = ConformanceSettings.FromEnvironment(n => n == "CONFORMANCE_MODE" ? "lenient" : null);
            using var runner = new ConformanceRunner(mock.Target, lenient, contract);
            var result = await runner.RunAsync(added);
            result.Passed.ShouldBeTrue(result.Describe());
            result.Verdict("message-id")!.Reason.ShouldBe("messageId is BAD_REQUEST");
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The contract with one more create example (request and its paired 400), written as JSON (which is YAML).</summary>
    private static async Task<string> ContractWithNewExampleAsync(string name, JsonObject request, JsonObject error)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var document = (await OpenApiDocument.LoadAsync(ContractDocument.DefaultPath, settings)).Document!;
        var create = document.Paths["/2fa/2/applications"].Operations![HttpMethod.Post];
        create.RequestBody!.Content!["application/json"].Examples![name] = new OpenApiExample { Value = request };
        document.Components!.Responses!["CreateBadRequest"].Content!["application/json"].Examples![name] = new OpenApiExample { Value = error };
        var path = Path.Combine(Path.GetTempPath(), $"contract-{Guid.NewGuid():N}.yaml");
        await using (var file = File.Create(path))
            await document.SerializeAsJsonAsync(file, OpenApiSpecVersion.OpenApi3_0);
        return path;
    }
}
