using TwoFactorContracts.Tool.Diff;
using TwoFactorContracts.Tool.Tests.Cli;
using R = TwoFactorContracts.Tool.Diff.ChangeRules;

namespace TwoFactorContracts.Tool.Tests.Diff;

/// <summary>
/// The document gate (<c>tfc diff --against-document</c>): our contract against today's official documents has no
/// difference its provenance does not explain, and a mutated copy that departs from the documents unmarked fails it.
/// </summary>
public sealed class DocumentGateTests : IDisposable
{
    private static readonly string[] Documents =
        [.. new[] { "infobip-2fa-applications.official.json", "infobip-2fa-pin-flow.official.json" }.Select(f => Path.Combine(AppContext.BaseDirectory, "official", f))];

    private const string GetTemplate = "GET /2fa/2/applications/{applicationId}/messages/{messageId}";
    private const string CreateTemplate = "POST /2fa/2/applications/{applicationId}/messages";

    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-gate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<IReadOnlyList<GateDifference>> GateAsync(string contract)
    {
        foreach (var file in Documents)
            File.Exists(file).ShouldBeTrue($"{Path.GetFileName(file)} is read from ../shared/reference beside the checkout (copied at build); it is missing");
        var documents = new List<(string, Microsoft.OpenApi.OpenApiDocument)>();
        foreach (var file in Documents) documents.Add((Path.GetFileName(file), await ContractFile.ReadAsync(file)));
        return DocumentGate.Compare(await ContractFile.ReadAsync(contract), documents);
    }

    private static string Line(GateDifference d) => $"{d.Change.Rule} | {d.Change.Location} | {d.Change.Detail}";

    private async Task<IReadOnlyList<string>> UnmarkedAsync(ContractMutation mutation) =>
        [.. (await GateAsync(mutation.WriteTo(_folder))).Where(d => d.IsUnmarked).Select(Line)];

    [Fact]
    public async Task The_contract_against_both_documents_has_no_unmarked_difference()
    {
        var differences = await GateAsync(ContractMutation.ContractPath);
        differences.Where(d => d.IsUnmarked).Select(Line).ShouldBeEmpty();
        // Each class is there: the gate sees the differences and the contract explains them.
        differences.Select(d => d.Class.Split(' ')[1]).Distinct().Order().ShouldBe(["not", "ours", "seed"]);
    }

    [Fact]
    public async Task The_command_passes_the_contract_and_prints_the_table()
    {
        var run = await TfcRun.RunAsync(["diff", ContractMutation.ContractPath, "--against-document", .. Documents]);
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("0 UNMARKED");
        run.Stdout.ShouldContain("marked: not modelled");
        run.Stdout.ShouldContain("marked: ours request-body-required");
        run.Stdout.ShouldContain("marked: seed");
    }

    [Fact]
    public async Task A_renamed_xml_root_of_a_template_answer_fails_the_gate()
    {
        var unmarked = await UnmarkedAsync(ContractMutation.OfContract().Replace("name: Message", "name: Template", after: "    MessageTemplate:"));
        unmarked.ShouldContain($"{R.XmlNameChanged} | {GetTemplate} (getMessageTemplate) · response 200 application/xml · (body) | XML name 'Message' -> 'Template'");
    }

    [Fact]
    public async Task A_dropped_required_field_on_create_template_fails_the_gate()
    {
        var unmarked = await UnmarkedAsync(ContractMutation.OfContract().Replace("required: [messageText, pinType]", "required: [messageText]", after: "    MessageTemplateRequest:"));
        unmarked.ShouldBe([
            $"{R.RequestFieldRequired} | {CreateTemplate} (createMessageTemplate) · request application/json · pinType | required in the document, not in ours",
            $"{R.RequestFieldRequired} | {CreateTemplate} (createMessageTemplate) · request application/xml · pinType | required in the document, not in ours",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task A_changed_ncNeeded_default_fails_the_gate_and_the_command_exits_1()
    {
        var contract = ContractMutation.OfContract().Replace("default: true", "default: false", after: "    NcNeeded:").WriteTo(_folder);
        var run = await TfcRun.RunAsync(["diff", contract, "--against-document", .. Documents]);
        run.ExitCode.ShouldBe(1);
        run.Stdout.ShouldContain("1 UNMARKED");
        run.Stdout.ShouldContain("POST /2fa/2/pin (sendPinOverSms) · parameter query ncNeeded: default true -> false");
    }

    [Fact]
    public async Task An_unreadable_document_exits_2_with_one_line()
    {
        var run = await TfcRun.RunAsync("diff", ContractMutation.ContractPath, "--against-document", Path.Combine(_folder, "missing.json"));
        run.ExitCode.ShouldBe(2);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.TrimEnd().Split('\n').Length.ShouldBe(1);
        run.Stderr.ShouldContain("missing.json");
    }

    [Fact]
    public async Task Without_a_document_file_the_flag_is_a_usage_error()
    {
        var run = await TfcRun.RunAsync("diff", "--against-document");
        run.ExitCode.ShouldBe(2);
        run.Stderr.ShouldContain("--against-document needs");
    }
}
