using MockServer.Tests.Support;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Routing;

namespace MockServer.Tests.Routing;

/// <summary>
/// The route table built from the contract: every operation is routed by its path template (trailing slash or
/// not), literals win over parameters with backtracking, a path's missing method is a 405 naming the contract's
/// methods for it, anything else a 404; and an operation added to a copy of the contract is routed with no code.
/// </summary>
public class RouteTableTests
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private static readonly RouteTable Table = RouteTable.From(Contract);

    private static readonly string[] ConventionalOrder = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

    public static TheoryData<string> OperationIds()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Contract.AllOperations) data.Add(operation.OperationId);
        return data;
    }

    public static TheoryData<string> PathTemplates()
    {
        var data = new TheoryData<string>();
        foreach (var template in Contract.AllOperations.Select(o => o.PathTemplate).Distinct()) data.Add(template);
        return data;
    }

    /// <summary>The template with each parameter replaced as given (the server hands the router decoded values).</summary>
    private static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(template, (path, v) => path.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));

    private static RouteMatch ShouldMatch(RouteTable table, string method, string path, string operationId)
    {
        table.TryMatch(method, path, out var match, out var error).ShouldBeTrue($"{method} {path}: {error}");
        error.ShouldBeNull();
        match.OperationId.ShouldBe(operationId, $"{method} {path}");
        match.OperationIndex.ShouldBe(table.IndexOf(operationId));
        table.OperationIdOf(match.OperationIndex).ShouldBe(operationId);
        return match;
    }

    private static RoutingError ShouldRefuse(RouteTable table, string method, string path, int status)
    {
        table.TryMatch(method, path, out var match, out var error).ShouldBeFalse($"{method} {path} matched {match}");
        error.Status.ShouldBe(status, $"{method} {path}");
        return error;
    }

    [Fact]
    public void Indexes_are_the_contracts_operations_in_order()
    {
        Table.Count.ShouldBe(Contract.AllOperations.Count);
        for (var i = 0; i < Table.Count; i++)
        {
            var operation = Contract.AllOperations[i];
            Table.OperationIdOf(i).ShouldBe(operation.OperationId);
            Table.MethodOf(i).ShouldBe(operation.Method);
            Table.PathTemplateOf(i).ShouldBe(operation.PathTemplate);
            Table.ParameterNamesOf(i).ShouldBe(operation.PathParameters.Select(p => p.Name).ToList());
            Table.IndexOf(operation.OperationId).ShouldBe(i);
        }
        Table.IndexOf("noSuchOperation").ShouldBe(-1);
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public void Every_operation_is_routed_by_its_template_with_sample_ids_with_or_without_a_trailing_slash(string operationId)
    {
        var operation = Contract.Operation(operationId);
        var values = operation.PathParameters.ToDictionary(p => p.Name, p => "id-of-" + p.Name);
        var path = Fill(operation.PathTemplate, values);
        path.ShouldNotContain("{");

        foreach (var (method, candidate) in new[] { (operation.Method, path), (operation.Method, path + "/"), (operation.Method.ToLowerInvariant(), path) })
        {
            var match = ShouldMatch(Table, method, candidate, operationId);
            match.PathTemplate.ShouldBe(operation.PathTemplate);
            match.ParameterCount.ShouldBe(operation.PathParameters.Count);
            match.ParameterNames.ShouldBe(operation.PathParameters.Select(p => p.Name).ToList());
            for (var i = 0; i < operation.PathParameters.Count; i++)
            {
                var name = operation.PathParameters[i].Name;
                match[i].ShouldBe("id-of-" + name);
                match[name].ShouldBe("id-of-" + name);
                match.TryGetParameter(name, out var byName).ShouldBeTrue();
                byName.ShouldBe("id-of-" + name);
            }
            match.TryGetParameter("noSuchParameter", out _).ShouldBeFalse();
            Should.Throw<KeyNotFoundException>(() => match["noSuchParameter"]);
            Should.Throw<ArgumentOutOfRangeException>(() => match[operation.PathParameters.Count]);
        }
    }

    [Theory]
    [MemberData(nameof(OperationIds))]
    public void The_documented_path_examples_route_to_their_operation(string operationId)
    {
        var operation = Contract.Operation(operationId);
        var exampleNames = operation.PathParameters.SelectMany(p => p.Examples.Keys).Distinct().ToList();
        if (operation.PathParameters.Count > 0) exampleNames.ShouldNotBeEmpty();
        var paths = exampleNames.Select(name => operation.PathValuesFor(name))
            .Concat(operation.Cases.Select(c => c.PathValues))
            .Append(new Dictionary<string, string>());
        foreach (var values in paths)
        {
            if (values.Count != operation.PathParameters.Count) continue; // the empty set, for a path without parameters
            var path = Fill(operation.PathTemplate, values);
            foreach (var candidate in new[] { path, path + "/" })
            {
                var match = ShouldMatch(Table, operation.Method, candidate, operationId);
                foreach (var (name, value) in values) match[name].ShouldBe(value);
                for (var i = 0; i < match.ParameterCount; i++) match[i].ShouldBe(values[operation.PathParameters[i].Name]);
            }
        }
        // The documented cases' own paths (as the suite sends them, escaped: the examples need no escaping).
        foreach (var @case in operation.Cases.Where(c => !c.Statuses.Contains(405)))
            ShouldMatch(Table, @case.Method, @case.Path, operationId);
    }

    [Theory]
    [InlineData("GET", "/2fa/2/applications/ABC", "getApplication", "applicationId", "ABC")]
    [InlineData("PUT", "/2fa/2/applications/ABC/", "updateApplication", "applicationId", "ABC")]
    [InlineData("GET", "/2fa/2/applications/APP/messages/MSG", "getMessageTemplate", "applicationId", "APP")]
    [InlineData("GET", "/2fa/2/applications/APP/messages/MSG", "getMessageTemplate", "messageId", "MSG")]
    [InlineData("PUT", "/2fa/2/applications/APP/messages/MSG/", "updateMessageTemplate", "messageId", "MSG")]
    [InlineData("GET", "/2fa/2/applications/APP/verifications/", "getVerificationStatus", "applicationId", "APP")]
    [InlineData("Post", "/2fa/2/applications/APP/messages/", "createMessageTemplate", "applicationId", "APP")]
    [InlineData("POST", "/2fa/2/pin/PIN/resend/voice/", "resendPinOverVoice", "pinId", "PIN")]
    [InlineData("POST", "/2fa/2/pin/PIN/verify", "verifyPin", "pinId", "PIN")]
    [InlineData("GET", "/2fa/2/applications/a b%2Fc", "getApplication", "applicationId", "a b%2Fc")]
    public void Parameter_values_are_the_paths_text(string method, string path, string operationId, string name, string value) =>
        ShouldMatch(Table, method, path, operationId)[name].ShouldBe(value);

    [Theory]
    [InlineData("GET", "/2fa/2/applications", "listApplications")]
    [InlineData("GET", "/2fa/2/applications/", "listApplications")]
    [InlineData("post", "/2fa/2/applications", "createApplication")]
    [InlineData("POST", "/2fa/2/pin", "sendPinOverSms")]
    [InlineData("POST", "/2fa/2/pin/", "sendPinOverSms")]
    [InlineData("Post", "/2fa/2/pin/voice/", "sendPinOverVoice")]
    public void Paths_without_parameters_match_with_or_without_a_trailing_slash_and_methods_ignore_case(string method, string path, string operationId) =>
        ShouldMatch(Table, method, path, operationId).ParameterCount.ShouldBe(0);

    [Fact]
    public void A_literal_segment_wins_over_a_parameter()
    {
        ShouldMatch(Table, "POST", "/2fa/2/pin/voice", "sendPinOverVoice").ParameterCount.ShouldBe(0);
        ShouldMatch(Table, "POST", "/2fa/2/pin/voice/", "sendPinOverVoice").ParameterCount.ShouldBe(0);
        // The literal path decides, and its methods: not a parameter path's (none takes GET here anyway).
        ShouldRefuse(Table, "GET", "/2fa/2/pin/voice", 405).Header!.Value.Value.ShouldBe("POST");
    }

    [Fact]
    public void A_literal_path_wins_over_a_parameter_path_that_takes_the_same_path()
    {
        // The contract has no /2fa/2/pin/{pinId}: with one, /2fa/2/pin/voice is still the voice send's path.
        var table = new RouteTable([
            .. Contract.AllOperations.Select(o => (o.OperationId, o.Method, o.PathTemplate)),
            ("getPin", "GET", "/2fa/2/pin/{pinId}"),
            ("deletePinsOf", "DELETE", "/2fa/2/pin/{pinId}/resend/{channel}"),
        ]);
        ShouldMatch(table, "POST", "/2fa/2/pin/voice", "sendPinOverVoice").ParameterCount.ShouldBe(0);
        ShouldMatch(table, "GET", "/2fa/2/pin/ABC/", "getPin")["pinId"].ShouldBe("ABC");
        // The path decides before the method: GET of the literal path is its 405, not the parameter path's GET.
        ShouldRefuse(table, "GET", "/2fa/2/pin/voice", 405).Header!.Value.Value.ShouldBe("POST");
        ShouldMatch(table, "POST", "/2fa/2/pin/PIN/resend/voice", "resendPinOverVoice")["pinId"].ShouldBe("PIN");
        ShouldRefuse(table, "DELETE", "/2fa/2/pin/PIN/resend/voice", 405).Header!.Value.Value.ShouldBe("POST");
        var match = ShouldMatch(table, "DELETE", "/2fa/2/pin/PIN/resend/sms", "deletePinsOf");
        (match["pinId"], match["channel"]).ShouldBe(("PIN", "sms"));
    }

    [Theory]
    [InlineData("/2fa/2/pin/voice/verify", "verifyPin", "pinId", "voice")]
    [InlineData("/2fa/2/pin/voice/resend", "resendPinOverSms", "pinId", "voice")]
    [InlineData("/2fa/2/pin/voice/resend/voice/", "resendPinOverVoice", "pinId", "voice")]
    [InlineData("/2fa/2/pin/resend/resend/voice", "resendPinOverVoice", "pinId", "resend")]
    [InlineData("/2fa/2/pin/verify/verify", "verifyPin", "pinId", "verify")]
    public void A_literal_that_leads_nowhere_backtracks_to_the_parameter(string path, string operationId, string name, string value) =>
        ShouldMatch(Table, "POST", path, operationId)[name].ShouldBe(value);

    [Theory]
    [InlineData("GET", "/2fa/2/applications/messages", "getApplication", "messages")]
    [InlineData("GET", "/2fa/2/applications/messages/messages", "listMessageTemplates", "messages")]
    [InlineData("GET", "/2fa/2/applications/verifications/verifications", "getVerificationStatus", "verifications")]
    public void A_literal_of_a_deeper_path_is_a_parameter_value_where_the_parameter_stands(string method, string path, string operationId, string value) =>
        ShouldMatch(Table, method, path, operationId)[0].ShouldBe(value);

    [Fact]
    public void Backtracking_leaves_a_literal_branch_that_ends_without_an_operation_deep_down()
    {
        var table = new RouteTable([
            ("deep", "GET", "/a/b/c/d"),
            ("byParameter", "GET", "/a/{x}/c"),
            ("literalFirst", "GET", "/a/b/{y}/e"),
            ("other", "GET", "/a/{x}/{z}/f"),
        ]);
        ShouldMatch(table, "GET", "/a/b/c/d", "deep").ParameterCount.ShouldBe(0);
        ShouldMatch(table, "GET", "/a/b/c", "byParameter")["x"].ShouldBe("b");
        ShouldMatch(table, "GET", "/a/b/c/e", "literalFirst")["y"].ShouldBe("c");
        var match = ShouldMatch(table, "GET", "/a/b/c/f", "other");
        (match["x"], match["z"]).ShouldBe(("b", "c"));
        ShouldRefuse(table, "GET", "/a/b/c/g", 404).ShouldBeSameAs(RoutingError.NotFound);
    }

    [Fact]
    public void More_parameters_than_the_match_holds_inline_come_out_in_order()
    {
        var table = new RouteTable([("wide", "GET", "/w/{a}/{b}/x/{c}/{d}/{e}")]);
        var match = ShouldMatch(table, "GET", "/w/1/2/x/3/4/5/", "wide");
        Enumerable.Range(0, match.ParameterCount).Select(i => match[i]).ShouldBe(["1", "2", "3", "4", "5"]);
        new[] { "a", "b", "c", "d", "e" }.Select(n => match[n]).ShouldBe(["1", "2", "3", "4", "5"]);
    }

    [Theory]
    [MemberData(nameof(PathTemplates))]
    public void Every_path_refuses_the_methods_it_lacks_with_a_405_allowing_the_contracts_methods_for_it(string template)
    {
        var methods = Contract.AllOperations.Where(o => o.PathTemplate == template).Select(o => o.Method).ToList();
        var allow = string.Join(", ", methods.OrderBy(m => Array.IndexOf(ConventionalOrder, m)));
        var operation = Contract.AllOperations.First(o => o.PathTemplate == template);
        var path = Fill(template, operation.PathParameters.ToDictionary(p => p.Name, p => "X" + p.Name));

        var lacking = ConventionalOrder.Except(methods).Append("BREW").ToList();
        lacking.ShouldNotBeEmpty();
        RoutingError? first = null;
        foreach (var method in lacking)
        foreach (var candidate in new[] { path, path + "/" })
        {
            var error = ShouldRefuse(Table, method, candidate, 405);
            error.MessageId.ShouldBe("METHOD_NOT_ALLOWED");
            error.Text.ShouldBe("Method not allowed. Allowed methods: " + allow);
            error.Header.ShouldBe(new KeyValuePair<string, string>("Allow", allow));
            first ??= error;
            error.ShouldBeSameAs(first, "one 405 per path, made at start");
        }
    }

    [Theory]
    [InlineData("DELETE", "/2fa/2/applications", "GET, POST")]
    [InlineData("PUT", "/2fa/2/applications/", "GET, POST")]
    [InlineData("DELETE", "/2fa/2/applications/ABC", "GET, PUT")]
    [InlineData("POST", "/2fa/2/applications/APP/messages/MSG", "GET, PUT")]
    [InlineData("PUT", "/2fa/2/applications/APP/messages", "GET, POST")]
    [InlineData("POST", "/2fa/2/applications/APP/verifications", "GET")]
    [InlineData("GET", "/2fa/2/pin", "POST")]
    [InlineData("PUT", "/2fa/2/pin/PIN/verify", "POST")]
    public void The_405s_say_what_the_hand_written_routes_said(string method, string path, string allowed)
    {
        var error = ShouldRefuse(Table, method, path, 405);
        (error.Text, error.MessageId, error.Header).ShouldBe(("Method not allowed. Allowed methods: " + allowed, "METHOD_NOT_ALLOWED",
            new KeyValuePair<string, string>("Allow", allowed)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("2fa/2/applications")]
    [InlineData("/2fa/2/applicationsX")]
    [InlineData("/2fa/2/applicationsX/ABC")]
    [InlineData("/2FA/2/applications")]
    [InlineData("/2fa/1/applications")]
    [InlineData("/2fa/2")]
    [InlineData("/2fa/2/applications//")]
    [InlineData("/2fa/2/applications//ABC")]
    [InlineData("/2fa//2/applications")]
    [InlineData("/2fa/2/applications/APP//messages")]
    [InlineData("/2fa/2/applications/APP/messages//")]
    [InlineData("/2fa/2/applications/APP/other")]
    [InlineData("/2fa/2/applications/A/B")]
    [InlineData("/2fa/2/pinX")]
    [InlineData("/2fa/2/pin/PIN")]
    [InlineData("/2fa/2/pin//verify")]
    [InlineData("/2fa/2/pin/PIN/verify/again")]
    [InlineData("/2fa/2/applications/APP/messages/MSG/more")]
    [InlineData("/2fa/2/applications/APP/messages/MSG/more/and/more/and/more")]
    public void Paths_no_template_takes_are_not_found(string path)
    {
        foreach (var method in new[] { "GET", "POST", "PUT", "DELETE" })
            ShouldRefuse(Table, method, path, 404).ShouldBeSameAs(RoutingError.NotFound);
    }

    [Fact]
    public void An_over_long_path_is_not_found()
    {
        var path = "/2fa/2/applications/APP/messages" + string.Concat(Enumerable.Repeat("/x", 10_000));
        ShouldRefuse(Table, "GET", path, 404).ShouldBeSameAs(RoutingError.NotFound);
        ShouldRefuse(Table, "GET", path[..^2] + "//", 404).ShouldBeSameAs(RoutingError.NotFound);
    }

    [Fact]
    public void A_match_of_the_hot_path_allocates_only_the_id_it_returns()
    {
        const string path = "/2fa/2/applications/0933F3BC087D2A617AC6DCB2EF5B8A61";
        const int rounds = 20_000;
        long Allocated(Action action)
        {
            for (var i = 0; i < 2_000; i++) action(); // jitted and tiered
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < rounds; i++) action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        string? sink = null;
        var idOnly = Allocated(() => sink = path[20..]);
        var routing = Allocated(() => { Table.TryMatch("GET", path, out var match, out _); sink = match[0]; });
        sink.ShouldBe("0933F3BC087D2A617AC6DCB2EF5B8A61");
        idOnly.ShouldBeGreaterThan(0);
        routing.ShouldBeLessThanOrEqualTo(idOnly);

        Allocated(() => Table.TryMatch("GET", "/2fa/2/applications/", out _, out _)).ShouldBe(0);
        Allocated(() => Table.TryMatch("DELETE", path, out _, out _)).ShouldBe(0, "a 405 is made at start");
        Allocated(() => Table.TryMatch("GET", "/2fa/2/nothing/here", out _, out _)).ShouldBe(0);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("/a//b")]
    [InlineData("/a/x{id}")]
    [InlineData("/a/{id}x")]
    [InlineData("/a/{}")]
    public void A_template_the_table_cannot_route_fails_the_build(string template) =>
        Should.Throw<ArgumentException>(() => new RouteTable([("op", "GET", template)]));

    [Fact]
    public void Ambiguous_or_repeated_operations_fail_the_build()
    {
        Should.Throw<ArgumentException>(() => new RouteTable([("a", "GET", "/x/{id}"), ("b", "PUT", "/x/{other}")]))
            .Message.ShouldContain("other parameter names");
        Should.Throw<ArgumentException>(() => new RouteTable([("a", "GET", "/x"), ("b", "get", "/x/")]))
            .Message.ShouldContain("declared twice");
        Should.Throw<ArgumentException>(() => new RouteTable([("a", "GET", "/x"), ("a", "POST", "/x")]))
            .Message.ShouldContain("repeated");
    }

    [Fact]
    public void Methods_outside_the_usual_ones_are_listed_after_them()
    {
        var table = new RouteTable([("c", "PROPFIND", "/x"), ("b", "DELETE", "/x"), ("a", "GET", "/x"), ("d", "POST", "/x")]);
        ShouldRefuse(table, "PUT", "/x", 405).Header!.Value.Value.ShouldBe("GET, POST, DELETE, PROPFIND");
        ShouldMatch(table, "propfind", "/x", "c");
    }

    [Fact]
    public void An_operation_added_to_the_contract_is_routed_with_no_code()
    {
        var folder = Directory.CreateTempSubdirectory("tfc-routes-").FullName;
        try
        {
            var copy = ContractCopy.WithStatsOperation(folder);

            var contract = ContractDocument.Load(copy);
            contract.AllOperations.Count.ShouldBe(Contract.AllOperations.Count + 1);
            contract.Operation("getApplicationStats").FindResponseExample(200, BodyFormat.Json).ShouldNotBeNull();
            var table = RouteTable.From(contract);

            foreach (var path in new[] { "/2fa/2/applications/APP/stats", "/2fa/2/applications/APP/stats/" })
            {
                var match = ShouldMatch(table, "GET", path, "getApplicationStats");
                match["applicationId"].ShouldBe("APP");
                match[0].ShouldBe("APP");
                match.PathTemplate.ShouldBe("/2fa/2/applications/{applicationId}/stats");
            }
            var documented = contract.Operation("getApplicationStats").PathValuesFor("basic")["applicationId"];
            ShouldMatch(table, "GET", $"/2fa/2/applications/{documented}/stats", "getApplicationStats")["applicationId"].ShouldBe(documented);

            var error = ShouldRefuse(table, "POST", "/2fa/2/applications/APP/stats", 405);
            error.Header.ShouldBe(new KeyValuePair<string, string>("Allow", "GET"));
            error.Text.ShouldBe("Method not allowed. Allowed methods: GET");

            // The rest is routed as before; the original contract's table knows nothing of the new path.
            foreach (var operation in Contract.AllOperations)
                ShouldMatch(table, operation.Method, operation.PathFor(operation.PathValuesFor("basic")), operation.OperationId);
            ShouldRefuse(Table, "GET", "/2fa/2/applications/APP/stats", 404);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
