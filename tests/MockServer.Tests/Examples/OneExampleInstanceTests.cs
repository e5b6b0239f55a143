using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Responses;

namespace MockServer.Tests.Examples;

/// <summary>
/// One representation of the documented examples from the contract to the answer: each example is one
/// <see cref="ExampleBody"/> instance (its UTF-8 bytes computed once), made when the contract is read or the cached
/// snapshot is loaded, and the catalog, the stubs, the exports and the bytes sent all refer to it. A second
/// representation (a parallel record, a copy of the text or bytes) fails these tests.
/// </summary>
public sealed class OneExampleInstanceTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("tfc-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static ContractSnapshot Cold() => ContractSnapshot.Load(ContractDocument.DefaultPath, cacheDirectory: null);

    /// <summary>The snapshot a warm start reads: written by a first start into the cache folder, then read back.</summary>
    private ContractSnapshot Warm()
    {
        ContractSnapshot.Load(ContractDocument.DefaultPath, _cache);
        File.Exists(Path.Combine(_cache, ContractSnapshot.CacheFileName)).ShouldBeTrue();
        return ContractSnapshot.Load(ContractDocument.DefaultPath, _cache);
    }

    private static HashSet<ExampleBody> ExamplesOf(ContractSnapshot snapshot) =>
        new(snapshot.Operations.SelectMany(o => o.RequestExamples.Concat(o.ResponseExamples)), ReferenceEqualityComparer.Instance);

    [Fact]
    public void The_snapshot_refers_to_the_examples_the_contract_reader_made()
    {
        var contract = ContractDocument.Load();
        var snapshot = Cold();
        foreach (var c in contract.AllOperations.SelectMany(o => o.Cases))
        {
            var operation = snapshot.Operation(c.Operation.OperationId);
            var cached = operation.Cases.Single(s => s.Name == c.Name && s.Format == c.Format);
            operation.AnswerOf(cached).ShouldBeSameAs(c.ResponseExample, c.Id);
            operation.RequestOf(cached).ShouldBeSameAs(c.RequestBody, c.Id);
        }
        ExamplesOf(snapshot).Count.ShouldBe(contract.AllOperations.Sum(o => o.RequestExamples.Count + o.Responses.Sum(r => r.Examples.Count)));
    }

    [Fact]
    public void A_warm_start_reads_the_cache_and_it_holds_each_example_once()
    {
        var contract = ContractDocument.Load();
        var warm = Warm();
        var examples = ExamplesOf(warm);
        // Not the contract reader's instances: this snapshot came from the cache file, nothing was parsed.
        var read = contract.AllOperations.SelectMany(o => o.RequestExamples.Concat(o.Responses.SelectMany(r => r.Examples))).ToList();
        read.ShouldAllBe(e => !examples.Contains(e));
        examples.Count.ShouldBe(read.Count);

        // Every example's text is in the cache file once: a case or an answer holding a copy would add more.
        var texts = new List<string>();
        void Collect(JsonNode? node)
        {
            if (node is JsonObject o)
                foreach (var (key, value) in o)
                    if (key == "Text") texts.Add(value!.GetValue<string>());
                    else Collect(value);
            else if (node is JsonArray a)
                foreach (var item in a) Collect(item);
        }
        Collect(JsonNode.Parse(File.ReadAllBytes(Path.Combine(_cache, ContractSnapshot.CacheFileName))));
        texts.Count.ShouldBe(read.Count);
    }

    [Fact]
    public void A_warm_start_builds_the_same_stubs_as_a_cold_one()
    {
        static List<string> Stubs(ContractSnapshot snapshot, int createStatus) =>
            [.. CaseMappings.From(snapshot, createStatus).Select(m => Newtonsoft.Json.JsonConvert.SerializeObject(WireMockNetMappings.ToModel(m)))];
        var cold = Cold();
        var warm = Warm();
        foreach (var createStatus in new[] { 200, 201 })
            Stubs(warm, createStatus).ShouldBe(Stubs(cold, createStatus));
        JsonSerializer.Serialize(warm.Operations.SelectMany(o => o.ResponseExamples).Select(e => new { e.Name, e.Status, e.Format, e.Text }))
            .ShouldBe(JsonSerializer.Serialize(cold.Operations.SelectMany(o => o.ResponseExamples).Select(e => new { e.Name, e.Status, e.Format, e.Text })));
    }

    [Fact]
    public void The_catalog_and_the_stubs_answer_with_the_snapshots_instances()
    {
        foreach (var snapshot in new[] { Cold(), Warm() })
        {
            var examples = ExamplesOf(snapshot);
            var catalog = ExampleCatalog.FromContract(snapshot);
            foreach (var (operation, answers) in catalog.Answers)
            {
                var documented = snapshot.Operation(operation.Id);
                foreach (var answer in answers)
                {
                    if (answer.Json is { } json) json.ShouldBeSameAs(documented.ResponseExample(answer.Status, answer.Name, BodyFormat.Json));
                    if (answer.Xml is { } xml) xml.ShouldBeSameAs(documented.ResponseExample(answer.Status, answer.Name, BodyFormat.Xml));
                }
            }
            var mappings = CaseMappings.From(snapshot, 201);
            mappings.ShouldAllBe(m => examples.Contains(m.Answer));
            // A stub answers with the example documented at the stub's status.
            mappings.ShouldAllBe(m => m.Answer.Status == m.Status);
        }
    }

    [Theory]
    [InlineData(MediaType.Json)]
    [InlineData(MediaType.Xml)]
    public async Task The_bytes_sent_are_the_examples_own(MediaType type)
    {
        var snapshot = Warm();
        var catalog = ExampleCatalog.FromContract(snapshot);
        var model = new FieldModel(snapshot.Fields);
        var renderer = new ResponseRenderer(new XmlBodies(snapshot.XmlNames, model), new JsonBodies(model));
        var list = snapshot.Operation(Operation.ListApplications.Id);
        var example = list.ResponseExample(200, ExampleCatalog.DefaultExample, type == MediaType.Xml ? BodyFormat.Xml : BodyFormat.Json);

        var reply = await new ExampleResource(catalog, 200).AnswerAsync(new Call(Operation.ListApplications, new Route(Operation.ListApplications, null), "account", null, null, default));
        var sent = renderer.Answer(Operation.ListApplications, 200, reply, type).Body;

        MemoryMarshal.TryGetArray(sent, out var sentArray).ShouldBeTrue();
        MemoryMarshal.TryGetArray(example.Utf8, out var exampleArray).ShouldBeTrue();
        sentArray.Array.ShouldBeSameAs(exampleArray.Array, "the answer is the example's bytes, not a copy");
        sent.ToArray().ShouldBe(System.Text.Encoding.UTF8.GetBytes(example.Text));
    }
}
