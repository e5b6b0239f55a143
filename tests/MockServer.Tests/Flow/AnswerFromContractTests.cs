using System.Text.Json.Nodes;
using System.Xml.Linq;
using MockServer.Tests.Support;
using TwoFactorContracts.Tests.Shared;

namespace MockServer.Tests.Flow;

/// <summary>
/// The PIN flow's answers are written by the contract's answer schemas: a field added (only in a copy of the YAML) to
/// the verify answer with a default is written, in JSON and XML, in the contract's order (first, where the copy puts it), with no code change.
/// </summary>
public sealed class AnswerFromContractTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-answer-field-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_defaulted_field_added_to_the_verify_answer_is_written(bool xml)
    {
        var contract = ContractCopy.WithDefaultedVerifyAnswerField(_folder);
        await using var mock = await QuietMock.StartAsync(o => o.ContractPath = contract);
        var flow = new FlowClient(ApiClient.ForNewAccount(mock.Host.BaseUrl), xml);
        var application = await flow.CreateApplicationAsync();
        var pinId = await flow.SendAsync(application, await flow.CreateTemplateAsync(application), FlowClient.NewNumber());

        var body = await (await flow.VerifyAsync(pinId, await flow.PinOfAsync(pinId))).ShouldBeOk();

        if (xml)
        {
            var root = XDocument.Parse(body).Root!;
            root.Element("channel")!.Value.ShouldBe("SMS");
            root.Elements().Select(e => e.Name.LocalName).ShouldBe(["channel", "pinId", "msisdn", "verified", "attemptsRemaining"]);
        }
        else
        {
            var answer = JsonNode.Parse(body)!.AsObject();
            answer["channel"]!.GetValue<string>().ShouldBe("SMS");
            answer.Select(p => p.Key).ShouldBe(["channel", "pinId", "msisdn", "verified", "attemptsRemaining"]);
        }
    }
}
