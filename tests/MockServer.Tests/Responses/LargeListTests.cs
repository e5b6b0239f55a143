using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer;
using MockServer.Tests.Support;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.State;

namespace MockServer.Tests.Responses;

/// <summary>Large lists are sent whole but not kept: only lists up to 1 MB keep their rendered bytes.</summary>
public class LargeListTests
{
    private static readonly FieldModel Model = TestModel.Default;
    private static readonly ResponseRenderer Renderer = new(new XmlBodies(ContractDocument.Load().XmlNames, Model), new JsonBodies(Model));

    private static ApplicationListSnapshot Snapshot(int count) => new(Enumerable.Range(0, count).Select(i =>
    {
        var values = Model.Stored.Select(f => f.Default).ToArray();
        values[Model.Field("name").StoredIndex] = FieldValue.Of($"Application {i} " + new string('x', 200));
        var id = Convert.FromHexString(i.ToString("X32"));
        return StoredRecord.Build(Model, id, Model.Issued.Select(_ => (byte[]?)id).ToArray(), values).Bytes;
    }).ToArray());

    [Theory]
    [InlineData(MediaType.Json)]
    [InlineData(MediaType.Xml)]
    public void A_small_list_keeps_its_rendered_bytes_and_a_large_one_does_not(MediaType type)
    {
        var small = Snapshot(3);
        var first = Renderer.Answer(Operation.ListApplications, 200, new Reply(List: small), type).Body;
        Renderer.Answer(Operation.ListApplications, 200, new Reply(List: small), type).Body.ShouldBe(first); // same array: the cached one
        (type == MediaType.Xml ? small.RenderedXml : small.RenderedJson).ShouldNotBeNull();

        var large = Snapshot(5000);
        var body = Renderer.Answer(Operation.ListApplications, 200, new Reply(List: large), type).Body;
        body.Length.ShouldBeGreaterThan(ResponseRenderer.MaxCachedListBytes);
        (type == MediaType.Xml ? large.RenderedXml : large.RenderedJson).ShouldBeNull();
    }

    [Fact]
    public async Task A_list_larger_than_one_write_slice_arrives_whole()
    {
        await using var mock = await QuietMock.StartAsync(o => o.Seed = SeedMode.Empty);
        using var client = new HttpClient { BaseAddress = mock.Host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("App", "large-list");
        var name = new string('n', 500);
        for (var i = 0; i < 400; i++)
        {
            using var content = new StringContent($$"""{"name":"{{name}}{{i}}"}""", System.Text.Encoding.UTF8, "application/json");
            (await client.PostAsync("/2fa/2/applications", content)).EnsureSuccessStatusCode();
        }

        using var response = await client.GetAsync("/2fa/2/applications");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Length.ShouldBeGreaterThan(3 * 64 * 1024);
        response.Content.Headers.ContentLength.ShouldBe(bytes.Length);
        var list = JsonNode.Parse(bytes)!.AsArray();
        list.Count.ShouldBe(400);
        list[399]!["name"]!.GetValue<string>().ShouldBe(name + "399");
    }
}
