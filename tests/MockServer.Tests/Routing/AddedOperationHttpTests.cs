using MockServer.Tests.Support;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Tests.Shared;

namespace MockServer.Tests.Routing;

/// <summary>
/// An operation added only in a copy of the YAML, with no code: the mock routes it, answers its documented example in
/// both modes (it has no behaviour of its own), and its path's 405 names the methods the contract gives it.
/// </summary>
public sealed class AddedOperationHttpTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-added-operation-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(MockMode.Stateful)]
    [InlineData(MockMode.Examples)]
    public async Task Is_routed_and_answered_with_its_documented_example(MockMode mode)
    {
        var contract = ContractCopy.WithStatsOperation(_folder);
        await using var mock = await QuietMock.StartAsync(o =>
        {
            o.ContractPath = contract;
            o.Mode = mode;
        });
        var client = ApiClient.ForNewAccount(mock.Host.BaseUrl);
        var applicationId = Bodies.Json(await (await client.GetAsync()).ShouldBeOk())[0]!["applicationId"]!.GetValue<string>();

        var stats = await client.GetAsync($"{ApiClient.Collection}/{applicationId}/stats");
        var body = Bodies.Json(await stats.ShouldBeOk());
        (body["sent"]!.GetValue<int>(), body["verified"]!.GetValue<int>()).ShouldBe((3, 2));

        var refused = await client.SendAsync(HttpMethod.Post, $"{ApiClient.Collection}/{applicationId}/stats/", "{}", "application/json", "application/json");
        await refused.ShouldBeError(405, "METHOD_NOT_ALLOWED", "Method not allowed. Allowed methods: GET");
        refused.Content.Headers.Allow.ShouldBe(["GET"]);

        // The contract's own operations are as they were.
        (await client.GetAsync($"{ApiClient.Collection}/{applicationId}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }
}
