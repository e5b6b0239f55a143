using System.Runtime.InteropServices;
using System.Text.Json;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Behaviour;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Examples;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Responses;

namespace MockServer.Tests.Examples;

/// <summary>
/// One representation of the documented examples from the contract to the answer: each example is one
/// <see cref="ExampleBody"/> instance (its UTF-8 bytes computed once), made when the contract is parsed or its start-up
/// cache is read, and the cases, the catalog, the stubs, the exports and the bytes sent all refer to it. A second
/// representation (a parallel record, a copy of the text or bytes) fails these tests.
/// </summary>
public sealed class OneExampleInstanceTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("tfc-contract-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    /// <summary>The contract as a first start has it: parsed.</summary>
    private static ContractDocument Cold() => ContractDocument.Load();

    private string CacheFile => Directory.GetFiles(_cache, "contract-cache-*.bin").ShouldHaveSingleItem();

    /// <summary>The contract a warm start reads: written by a first start into the cache folder, then read back.</summary>
    private ContractDocument Warm()
    {
        ContractDocument.Load(ContractDocument.DefaultPath, _cache).SaveCache();
        File.Exists(CacheFile).ShouldBeTrue();
        return ContractDocument.Load(ContractDocument.DefaultPath, _cache);
    }

    private static HashSet<ExampleBody> ExamplesOf(ContractDocument contract) =>
        new(contract.AllOperations.SelectMany(o => o.RequestExamples.Concat(o.ResponseExamples)), ReferenceEqualityComparer.Instance);

    [Fact]
    public void The_cases_of_a_warm_start_refer_to_its_operations_examples()
    {
        var warm = Warm();
        var examples = ExamplesOf(warm);
        foreach (var c in warm.AllOperations.SelectMany(o => o.Cases))
        {
            examples.ShouldContain(c.ResponseExample, c.Id);
            if (c.RequestBody is { } request) examples.ShouldContain(request, c.Id);
        }
        examples.Count.ShouldBe(warm.AllOperations.Sum(o => o.RequestExamples.Count + o.Responses.Sum(r => r.Examples.Count)));
    }

    [Fact]
    public void A_warm_start_reads_the_cache_and_it_holds_each_example_once()
    {
        var contract = ContractDocument.Load();
        var warm = Warm();
        var examples = ExamplesOf(warm);
        // Not the parse's instances: these came from the cache file.
        var read = contract.AllOperations.SelectMany(o => o.RequestExamples.Concat(o.Responses.SelectMany(r => r.Examples))).ToList();
        read.ShouldAllBe(e => !examples.Contains(e));
        examples.Count.ShouldBe(read.Count);

        // Every example's text is in the cache file once: a case or an answer holding a copy would add more. (Texts found
        // inside another text, a short error body within a longer one, are left out of the count.)
        var file = File.ReadAllBytes(CacheFile);
        var distinct = read.Select(e => e.Text).Distinct().ToList();
        var counted = distinct.Where(t => !distinct.Any(other => other != t && other.Contains(t, StringComparison.Ordinal))).ToList();
        counted.Count.ShouldBeGreaterThan(distinct.Count / 2);
        foreach (var text in counted)
            Occurrences(file, System.Text.Encoding.UTF8.GetBytes(text)).ShouldBe(read.Count(e => e.Text == text), text);

        static int Occurrences(byte[] haystack, byte[] needle)
        {
            var (count, from) = (0, 0);
            for (int i; (i = haystack.AsSpan(from).IndexOf(needle)) >= 0; from += i + needle.Length) count++;
            return count;
        }
    }

    [Fact]
    public void A_warm_start_builds_the_same_stubs_as_a_cold_one()
    {
        static List<string> Stubs(ContractDocument contract, int createStatus) =>
            [.. CaseMappings.From(contract, createStatus).Select(m => Newtonsoft.Json.JsonConvert.SerializeObject(WireMockNetMappings.ToModel(m)))];
        var cold = Cold();
        var warm = Warm();
        foreach (var createStatus in new[] { 200, 201 })
            Stubs(warm, createStatus).ShouldBe(Stubs(cold, createStatus));
        JsonSerializer.Serialize(warm.AllOperations.SelectMany(o => o.ResponseExamples).Select(e => new { e.Name, e.Status, e.Format, e.Text }))
            .ShouldBe(JsonSerializer.Serialize(cold.AllOperations.SelectMany(o => o.ResponseExamples).Select(e => new { e.Name, e.Status, e.Format, e.Text })));
    }

    [Fact]
    public void The_catalog_and_the_stubs_answer_with_the_contracts_instances()
    {
        foreach (var contract in new[] { Cold(), Warm() })
        {
            var examples = ExamplesOf(contract);
            var catalog = ExampleCatalog.FromContract(contract);
            foreach (var (operation, answers) in catalog.Answers)
            {
                var documented = contract.Operation(operation.Id);
                foreach (var answer in answers)
                {
                    if (answer.Json is { } json) json.ShouldBeSameAs(documented.ResponseExample(answer.Status, answer.Name, BodyFormat.Json));
                    if (answer.Xml is { } xml) xml.ShouldBeSameAs(documented.ResponseExample(answer.Status, answer.Name, BodyFormat.Xml));
                }
            }
            var mappings = CaseMappings.From(contract, 201);
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
        var contract = Warm();
        var catalog = ExampleCatalog.FromContract(contract);
        var model = new FieldModel(contract.Fields);
        var renderer = new ResponseRenderer(new XmlBodies(contract.XmlNames, model), new JsonBodies(model));
        var list = contract.Operation(Operation.ListApplications.Id);
        var example = list.ResponseExample(200, ExampleCatalog.DefaultExample, type == MediaType.Xml ? BodyFormat.Xml : BodyFormat.Json);

        var reply = await new ExampleResource(catalog, 200).AnswerAsync(new Call(Operation.ListApplications, new Route(Operation.ListApplications, null), "account", null, null, default));
        var sent = renderer.Answer(Operation.ListApplications, 200, reply, type).Body;

        MemoryMarshal.TryGetArray(sent, out var sentArray).ShouldBeTrue();
        MemoryMarshal.TryGetArray(example.Utf8, out var exampleArray).ShouldBeTrue();
        sentArray.Array.ShouldBeSameAs(exampleArray.Array, "the answer is the example's bytes, not a copy");
        sent.ToArray().ShouldBe(System.Text.Encoding.UTF8.GetBytes(example.Text));
    }
}
