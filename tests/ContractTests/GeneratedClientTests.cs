using System.Reflection;
using System.Text.Json;
using TwoFactorContracts.Client;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ContractTests;

/// <summary>
/// The C# client NSwag generates from the contract reads every documented answer and sends bodies the contract
/// accepts, for every operation (the PIN flow's included). Its types are found through the operationId, as
/// NSwag names the methods (<c>verifyPin</c> is <c>VerifyPinAsync</c>).
/// </summary>
public class GeneratedClientTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    // What the generated client uses: default System.Text.Json options (the DTOs carry names and converters).
    private static readonly JsonSerializerOptions ClientJson = new();

    public static TheoryData<string> SuccessExamples()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Contract.AllOperations)
            foreach (var response in operation.Responses.Where(r => r.IsSuccess))
                foreach (var example in response.Examples.Where(e => e.Format == BodyFormat.Json))
                    data.Add($"{operation.OperationId} {response.Status} {example.Name}");
        return data;
    }

    public static TheoryData<string> ValidRequestExamples()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Contract.AllOperations)
            foreach (var example in operation.RequestExamples.Where(e => e.Format == BodyFormat.Json))
                if (operation.RequestSchema(BodyFormat.Json).Validate(example.Text).Count == 0)
                    data.Add($"{operation.OperationId} {example.Name}");
        return data;
    }

    [Theory]
    [MemberData(nameof(SuccessExamples))]
    public void The_client_reads_every_documented_answer(string key)
    {
        var parts = key.Split(' ');
        var operation = Contract.Operation(parts[0]);
        var text = operation.Responses.Single(r => r.Status == int.Parse(parts[1])).Examples
            .Single(e => e.Name == parts[2] && e.Format == BodyFormat.Json).Text;
        var type = ClientMethod(operation).ReturnType.GetGenericArguments().Single();
        JsonSerializer.Deserialize(text, type, ClientJson).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(ValidRequestExamples))]
    public void A_body_the_client_sends_conforms_to_the_contract(string key)
    {
        var parts = key.Split(' ');
        var operation = Contract.Operation(parts[0]);
        var type = ClientMethod(operation).GetParameters().Single(p => p.Name == "body").ParameterType;
        var body = JsonSerializer.Deserialize(operation.FindRequestExample(parts[1], BodyFormat.Json)!.Text, type, ClientJson);
        // Re-serialised, the client writes null for every property the example left out: the contract reads that as left out.
        var sent = JsonSerializer.Serialize(body, type, ClientJson);
        var problems = operation.RequestSchema(BodyFormat.Json).Validate(sent);
        problems.ShouldBeEmpty($"{sent}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void Every_operation_has_a_client_method_and_the_template_defaults_are_the_documented_ones()
    {
        Contract.AllOperations.Count.ShouldBe(typeof(ITwoFactorClient).GetMethods().Length);
        var template = new MessageTemplateRequest();
        (template.PinLength, template.SpeechRate).ShouldBe((4, 1d));
        // An update sets only what it is given: no defaults, nothing required (a partial PUT keeps the rest).
        var update = new MessageTemplateUpdateRequest { PinLength = 6 };
        (update.MessageText, update.PinType, update.Language, update.SpeechRate).ShouldBe((null, null, null, null));
        Contract.Operation("updateMessageTemplate").RequestSchema(BodyFormat.Json)
            .Validate(JsonSerializer.Serialize(update, ClientJson)).ShouldBeEmpty();
        Enum.GetNames<PinType>().ShouldBe(["NUMERIC", "ALPHA", "HEX", "ALPHANUMERIC"]);
    }

    private static MethodInfo ClientMethod(ContractOperation operation) =>
        typeof(ITwoFactorClient).GetMethod(char.ToUpperInvariant(operation.OperationId[0]) + operation.OperationId[1..] + "Async")
        ?? throw new InvalidOperationException($"The generated client has no method for {operation.OperationId}.");
}
