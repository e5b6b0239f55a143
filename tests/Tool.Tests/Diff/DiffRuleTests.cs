using TwoFactorContracts.Contract;
using TwoFactorContracts.Tool.Diff;
using R = TwoFactorContracts.Tool.Diff.ChangeRules;

namespace TwoFactorContracts.Tool.Tests.Diff;

/// <summary>
/// Each rule of <c>tfc diff</c> on a mutated copy of our contract: the change is found at every place it reaches
/// (a shared schema reaches several operations and media types), judged breaking or not, and nothing else is found.
/// </summary>
public sealed class DiffRuleTests : IDisposable
{
    private const string List = "GET /2fa/2/applications (listApplications)";
    private const string Create = "POST /2fa/2/applications (createApplication)";
    private const string Get = "GET /2fa/2/applications/{applicationId} (getApplication)";
    private const string Update = "PUT /2fa/2/applications/{applicationId} (updateApplication)";

    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-diff-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Where ApplicationRequest travels: create and update, JSON and XML.</summary>
    private static IEnumerable<string> RequestBodies(string field, bool xmlOnly = false) =>
        from operation in new[] { Create, Update }
        from media in xmlOnly ? new[] { "application/xml" } : ["application/json", "application/xml"]
        select $"{operation} · request {media} · {field}";

    /// <summary>Where ApplicationResponse travels: list items, create 200/201, get 200, update 200, JSON and XML.</summary>
    private static IEnumerable<string> ApplicationResponses(string field, bool xmlOnly = false) =>
        from place in new[] { (List, "200", "[]."), (Create, "200", ""), (Create, "201", ""), (Get, "200", ""), (Update, "200", "") }
        from media in xmlOnly ? new[] { "application/xml" } : ["application/json", "application/xml"]
        select $"{place.Item1} · response {place.Item2} {media} · {place.Item3}{field}";

    private static string[] Expect(string rule, IEnumerable<string> locations) => [.. locations.Select(l => $"{rule} | {l}")];

    private async Task<IReadOnlyList<Change>> DiffAsync(ContractMutation old, ContractMutation @new) =>
        ContractDiff.Compare(await ContractFile.ReadAsync(old.WriteTo(_folder)), await ContractFile.ReadAsync(@new.WriteTo(_folder)));

    private async Task ShouldFindExactly(ContractMutation @new, params string[][] expected) =>
        await ShouldFindExactly(ContractMutation.OfContract(), @new, expected);

    private async Task ShouldFindExactly(ContractMutation old, ContractMutation @new, params string[][] expected)
    {
        var changes = await DiffAsync(old, @new);
        changes.Select(c => $"{c.Rule} | {c.Location}").Order().ShouldBe(expected.SelectMany(e => e).Order());
        foreach (var change in changes)
            change.Breaking.ShouldBe(R.All[change.Rule].Breaking, change.ToString());
    }

    [Fact]
    public async Task The_contract_against_itself_has_no_changes()
    {
        (await DiffAsync(ContractMutation.OfContract(), ContractMutation.OfContract())).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_removed_operation_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("    put:"),
            Expect(R.OperationRemoved, [Update]));

    [Fact]
    public async Task A_removed_path_is_breaking_once_not_per_operation() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("  /2fa/2/applications/{applicationId}:"),
            Expect(R.PathRemoved, ["/2fa/2/applications/{applicationId}"]));

    [Fact]
    public async Task A_removed_status_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("        '201':"),
            Expect(R.StatusRemoved, [$"{Create} · response 201"]));

    [Fact]
    public async Task A_removed_response_media_type_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("            application/xml:", after: "      operationId: getApplication"),
            Expect(R.MediaTypeRemoved, [$"{Get} · response 200 application/xml"]));

    [Fact]
    public async Task A_removed_request_media_type_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("          application/xml:", after: "      operationId: createApplication"),
            Expect(R.MediaTypeRemoved, [$"{Create} · request application/xml"]));

    [Fact]
    public async Task A_removed_response_field_is_breaking_wherever_the_schema_is_answered() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("        processId:", after: "    ApplicationResponse:"),
            Expect(R.ResponseFieldRemoved, ApplicationResponses("processId")));

    [Fact]
    public async Task A_new_required_request_field_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .Replace("required: [name]", "required: [name, label]", after: "    ApplicationRequest:")
                .InsertAfter("      properties:", "        label:\n          type: string", after: "    ApplicationRequest:"),
            Expect(R.RequestFieldRequired, RequestBodies("label")));

    [Fact]
    public async Task An_optional_request_field_made_required_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("required: [name]", "required: [name, enabled]", after: "    ApplicationRequest:"),
            Expect(R.RequestFieldRequired, RequestBodies("enabled")));

    private const string QueryParameter = "      parameters:\n        - name: {0}\n          in: query\n          required: {1}\n          schema:\n            type: string";

    [Fact]
    public async Task A_new_required_parameter_is_breaking_and_an_optional_one_is_not() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .InsertAfter("      operationId: listApplications", string.Format(QueryParameter, "page", "true"))
                .InsertAfter("      operationId: getApplication", string.Format(QueryParameter, "fields", "false")),
            Expect(R.RequestFieldRequired, [$"{List} · parameter query page"]),
            Expect(R.RequestFieldAdded, [$"{Get} · parameter query fields"]));

    [Fact]
    public async Task A_path_parameter_given_a_pattern_is_breaking_for_every_operation_on_the_path() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .InsertAfter("          type: string", "          pattern: '^[0-9A-F]{32}$'", after: "  /2fa/2/applications/{applicationId}:"),
            Expect(R.RequestPatternNarrowed, [$"{Get} · parameter path applicationId", $"{Update} · parameter path applicationId"]));

    [Fact]
    public async Task A_request_body_made_required_is_breaking() =>
        await ShouldFindExactly(
            ContractMutation.OfContract().Replace("required: true", "required: false", after: "      operationId: createApplication"),
            ContractMutation.OfContract(),
            Expect(R.RequestFieldRequired, [$"{Create} · request"]));

    [Fact]
    public async Task A_request_field_type_narrowed_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("type: string", "type: integer", after: "        name:"),
            Expect(R.RequestTypeNarrowed, RequestBodies("name")));

    [Fact]
    public async Task Integer_to_number_widens_a_request_but_changes_a_response() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("type: integer", "type: number", after: "        pinAttempts:"),
            Expect(R.RequestTypeWidened, RequestBodies("configuration.pinAttempts")),
            Expect(R.ResponseTypeChanged, ApplicationResponses("configuration.pinAttempts")));

    [Fact]
    public async Task A_request_pattern_changed_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("(ms|s|m|h|d)", "(s|m|h)", after: "        pinTimeToLive:"),
            Expect(R.RequestPatternNarrowed, RequestBodies("configuration.pinTimeToLive")));

    [Fact]
    public async Task A_request_pattern_removed_is_not_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("          pattern:", after: "        pinTimeToLive:"),
            Expect(R.RequestPatternRemoved, RequestBodies("configuration.pinTimeToLive")));

    [Fact]
    public async Task A_raised_minimum_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("minimum: 1", "minimum: 2", after: "        pinAttempts:"),
            Expect(R.RequestBoundsNarrowed, RequestBodies("configuration.pinAttempts")));

    [Fact]
    public async Task A_new_maximum_and_max_length_are_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .InsertAfter("          minimum: 1", "          maximum: 100", after: "        pinAttempts:")
                .InsertAfter("          type: string", "          maxLength: 64", after: "        name:"),
            Expect(R.RequestBoundsNarrowed, RequestBodies("configuration.pinAttempts").Concat(RequestBodies("name"))));

    [Fact]
    public async Task A_lowered_minimum_is_not_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("minimum: 1", "minimum: 0", after: "        pinAttempts:"),
            Expect(R.RequestBoundsWidened, RequestBodies("configuration.pinAttempts")));

    private static ContractMutation WithTimeToLiveEnum(string values) =>
        ContractMutation.OfContract().InsertAfter("          type: string", $"          enum: [{values}]", after: "        pinTimeToLive:");

    [Fact]
    public async Task A_request_enum_losing_a_value_is_breaking() =>
        await ShouldFindExactly(WithTimeToLiveEnum("15m, 1h, 2h"), WithTimeToLiveEnum("15m, 1h"),
            Expect(R.RequestEnumNarrowed, RequestBodies("configuration.pinTimeToLive")));

    [Fact]
    public async Task A_request_enum_added_is_breaking() =>
        await ShouldFindExactly(WithTimeToLiveEnum("15m, 1h"),
            Expect(R.RequestEnumNarrowed, RequestBodies("configuration.pinTimeToLive")));

    [Fact]
    public async Task A_request_enum_gaining_a_value_is_not_breaking() =>
        await ShouldFindExactly(WithTimeToLiveEnum("15m, 1h"), WithTimeToLiveEnum("15m, 1h, 2h"),
            Expect(R.RequestEnumWidened, RequestBodies("configuration.pinTimeToLive")));

    [Fact]
    public async Task A_response_field_type_changed_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("type: boolean", "type: string", after: "    ApplicationResponse:"),
            Expect(R.ResponseTypeChanged, ApplicationResponses("enabled")));

    [Fact]
    public async Task A_changed_root_xml_name_is_breaking_for_xml_only() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("name: request", "name: application", after: "    ApplicationRequest:"),
            Expect(R.XmlNameChanged, RequestBodies("(body)", xmlOnly: true)));

    [Fact]
    public async Task A_field_given_another_xml_name_is_breaking_for_xml_only() =>
        await ShouldFindExactly(ContractMutation.OfContract().InsertAfter("          description: 2FA application ID.", "          xml:\n            name: id", after: "    ApplicationResponse:"),
            Expect(R.XmlNameChanged, ApplicationResponses("applicationId", xmlOnly: true)));

    [Fact]
    public async Task A_changed_default_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().Replace("default: true", "default: false", after: "        enabled:"),
            Expect(R.DefaultChanged, RequestBodies("enabled")));

    private static ContractMutation WithRecursiveConfiguration() =>
        ContractMutation.OfContract().InsertAfter("      properties:", "        fallback:\n          $ref: '#/components/schemas/ApplicationConfiguration'", after: "    ApplicationConfiguration:");

    [Fact]
    public async Task A_recursive_schema_is_compared_once_per_place_without_looping() =>
        await ShouldFindExactly(WithRecursiveConfiguration(),
            WithRecursiveConfiguration().Replace("minimum: 1", "minimum: 2", after: "        pinAttempts:"),
            Expect(R.RequestBoundsNarrowed, RequestBodies("configuration.pinAttempts")));

    [Fact]
    public async Task A_removed_security_scheme_is_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("    IBSSO:").RemoveBlock("  - IBSSO: []"),
            Expect(R.SecuritySchemeRemoved, ["components · securitySchemes IBSSO"]));

    [Fact]
    public async Task A_renamed_path_parameter_is_no_change() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .Replace("{applicationId}:", "{id}:", after: "  /2fa/2/applications/{applicationId}:")
                .Replace("name: applicationId", "name: id", after: "  /2fa/2/applications/{id}:"));

    [Fact]
    public async Task Additions_old_clients_can_ignore_are_listed_as_not_breaking()
    {
        var @new = ContractMutation.OfContract()
            .InsertAfter("paths:", "  /2fa/2/applications/{applicationId}/archive:\n    post:\n      operationId: archiveApplication\n      responses:\n        '204':\n          description: Archived.")
            .InsertAfter("      responses:", "        '409':\n          description: Conflict.", after: "      operationId: listApplications")
            .InsertAfter("      properties:", "        note:\n          type: string", after: "    ApplicationRequest:")
            .InsertAfter("      properties:", "        createdAt:\n          type: string", after: "    ApplicationResponse:")
            .InsertAfter("  securitySchemes:", "    Cookie:\n      type: apiKey\n      in: cookie\n      name: session");
        await ShouldFindExactly(@new,
            Expect(R.PathAdded, ["/2fa/2/applications/{applicationId}/archive"]),
            Expect(R.StatusAdded, [$"{List} · response 409"]),
            Expect(R.RequestFieldAdded, RequestBodies("note")),
            Expect(R.ResponseFieldAdded, ApplicationResponses("createdAt")),
            Expect(R.SecuritySchemeAdded, ["components · securitySchemes Cookie"]));
    }

    /// <summary>Every operation's 406: one shared response, marked once, reaches them all.</summary>
    private static IEnumerable<string> EveryOperation406() =>
        ContractDocument.Load(ContractMutation.ContractPath).AllOperations.Select(o => $"{o.Method} {o.PathTemplate} 406");

    [Fact]
    public async Task A_changed_source_is_reported_wherever_the_rule_is_and_is_not_breaking()
    {
        var @new = ContractMutation.OfContract().Replace("x-source: 'ours: not-acceptable'", "x-source: document", after: "    NotAcceptable:");
        await ShouldFindExactly(@new, Expect(R.SourceChanged, EveryOperation406()));
        EveryOperation406().Count().ShouldBe(18);

        var changes = await DiffAsync(ContractMutation.OfContract(), @new);
        changes.ShouldAllBe(c => c.Detail == "source ours: not-acceptable -> document" && !c.Breaking);
        var report = new DiffReport("old.yaml", "2.0.0", "new.yaml", "2.0.0", changes, MajorRaised: false, AllowMajorBump: false);
        report.Fails.ShouldBeFalse();
        report.Render("text").Split('\n').ShouldContain(line => line.StartsWith("non-breaking", StringComparison.Ordinal)
            && line.Contains(R.SourceChanged, StringComparison.Ordinal)
            && line.EndsWith(" GET /2fa/2/applications 406: source ours: not-acceptable -> document", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schema_rule_given_another_source_or_none_is_reported_per_rule()
    {
        var @new = ContractMutation.OfContract()
            .Replace("minimum: 'ours: pinAttempts-minimum'", "minimum: document", after: "        pinAttempts:")
            .RemoveBlock("          x-source: 'ours: to-pattern'", after: "    SendPinRequest:");
        await ShouldFindExactly(@new, Expect(R.SourceChanged,
            ["#/components/schemas/ApplicationConfiguration/properties/pinAttempts · minimum", "#/components/schemas/SendPinRequest/properties/to · pattern"]));
        (await DiffAsync(ContractMutation.OfContract(), @new)).Select(c => c.Detail)
            .ShouldBe(["source ours: pinAttempts-minimum -> document", "source ours: to-pattern -> unmarked"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_shared_error_example_given_another_source_is_reported_where_it_is_answered() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .Replace("x-source: 'ours: unknown-id-in-send'", "x-source: seed", after: "    SendApplicationNotFoundJson:"),
            Expect(R.SourceChanged, from path in new[] { "/2fa/2/pin", "/2fa/2/pin/email", "/2fa/2/pin/voice" }
                                    select $"POST {path} 404 applicationNotFound (application/json) · error example"));

    [Fact]
    public async Task A_rule_removed_with_its_source_is_not_a_changed_source() =>
        await ShouldFindExactly(ContractMutation.OfContract().RemoveBlock("          pattern:", after: "    SendPinRequest:"),
            Expect(R.RequestPatternRemoved, from operation in new[] { "POST /2fa/2/pin (sendPinOverSms)", "POST /2fa/2/pin/voice (sendPinOverVoice)" }
                                            from media in new[] { "application/json", "application/xml" }
                                            select $"{operation} · request {media} · to"));

    [Fact]
    public async Task A_new_operation_and_media_type_are_not_breaking() =>
        await ShouldFindExactly(ContractMutation.OfContract()
                .InsertAfter("  /2fa/2/applications/{applicationId}:", "    delete:\n      operationId: deleteApplication\n      responses:\n        '204':\n          description: Deleted.")
                .InsertAfter("          content:", "            text/plain:\n              schema:\n                type: string", after: "      operationId: getApplication"),
            Expect(R.OperationAdded, ["DELETE /2fa/2/applications/{applicationId} (deleteApplication)"]),
            Expect(R.MediaTypeAdded, [$"{Get} · response 200 text/plain"]));
}
