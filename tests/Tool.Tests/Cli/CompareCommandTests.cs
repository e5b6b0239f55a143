using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Checks;
using TwoFactorContracts.ConformanceTests.Compare;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.MockServer.Flavours;
using TwoFactorContracts.Testing;

namespace TwoFactorContracts.Tool.Tests.Cli;

/// <summary>
/// tfc compare: our mock's seed flavour beside its today flavour names each known difference (and under the today
/// profile accepts each); two separate seed mocks agree once their ids are mapped; bad arguments and an unreachable
/// target exit 2 with one line; hostile answers are differences, never exceptions.
/// </summary>
public sealed partial class CompareCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tfc-compare-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<TwoFactorMock> Mock(MockFlavour flavour) =>
        TwoFactorMock.StartAsync(new MockServerOptions { Port = 0, Verbosity = Verbosity.Quiet, Flavour = flavour });

    /// <summary>Both targets are our mock (--kind mock): the PIN flow reads PINs from the outbox and moves each mock's clock, so nothing sleeps.</summary>
    private static Task<TfcRun> Compare(TwoFactorMock a, TwoFactorMock b, params string[] more) =>
        TfcRun.RunAsync(["compare", "--a", a.BaseUrl, "--kind-a", "mock", "--b", b.BaseUrl, "--kind-b", "mock", .. more]);

    /// <summary>The stdout lines naming a difference (or an accepted one): "  case: kind: field: reason".</summary>
    private static List<string> Listed(string stdout) =>
        [.. stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l.Trim())];

    [Fact]
    public async Task Seed_beside_today_names_each_known_difference_by_case_and_field()
    {
        await using var seed = await Mock(MockFlavour.Seed);
        await using var today = await Mock(MockFlavour.Today);
        var run = await Compare(seed, today, "--profile", "seed", "--report-dir", _folder);

        run.ExitCode.ShouldBe(1, run.Stdout + run.Stderr);
        run.Stdout.ShouldStartWith("DIFFERENT: ");
        var listed = Listed(run.Stdout);
        string[] known =
        [
            // create-200 / 201
            "createApplication/basic/json: status: (status): a answered 200, b 201",
            "createApplication/basic/xml: status: (status): a answered 200, b 201",
            // the 404 of an unknown application: messageId and text
            "getApplication/notFound/json: message-id: requestError.serviceException.messageId: a has \"APPLICATION_NOT_FOUND\", b \"NOT_FOUND\"",
            "getApplication/notFound/json: error-text: requestError.serviceException.text: a has \"Application with given id cannot be found.\", b \"Not found\"",
            "updateApplication/notFound/xml: message-id: requestError.serviceException.messageId: a has \"APPLICATION_NOT_FOUND\", b \"NOT_FOUND\"",
            // processId issued or not
            "getApplication/basic/json: field: processId: processId is present in a, missing in b",
            "listApplications/basic/json: field: [].processId: [].processId is present in a, missing in b",
            // the XML list root
            "listApplications/basic/xml: xml-names: (XML root): a's root is <ApplicationResponse>, b's <ApplicationResponses>",
            // a time without its length: refused by the seed, taken by today
            "createApplication/json/configuration.pinTimeToLive/length-omitted: status: (status): a answered 400, b 201",
            "createApplication/xml/configuration.verifyPinLimit/length-omitted: status: (status): a answered 400, b 201",
            "updateApplication/invalidTimeToLive/json: status: (status): a answered 400, b 200",
        ];
        foreach (var line in known) listed.ShouldContain(line);

        // Nothing else: every difference named is one of the flavours' (ApiFlavour), so the id mapping holds everywhere.
        var unexplained = listed.Where(l => !Explained().IsMatch(l)).ToList();
        unexplained.ShouldBeEmpty();
        listed.ShouldNotContain(l => l.Contains(": id: ", StringComparison.Ordinal));

        // The verify report formats, written to --report-dir.
        var junit = XDocument.Load(Path.Combine(_folder, "junit.xml"));
        junit.Root!.Attribute("name")!.Value.ShouldBe("compare");
        junit.Descendants("testcase").Single(c => c.Attribute("name")!.Value == "getApplication/notFound/json")
            .Element("failure")!.Attribute("message")!.Value.ShouldContain("message-id: requestError.serviceException.messageId");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "compare.json")))!;
        json["cases"]!.AsArray().ShouldContain(c => c!["id"]!.GetValue<string>() == "listApplications/basic/xml"
            && c["checks"]!.AsArray().Any(v => v!["check"]!.GetValue<string>() == "xml-names"));
        var summary = await File.ReadAllTextAsync(Path.Combine(_folder, "summary.md"));
        summary.ShouldStartWith("# Comparison summary");
        summary.ShouldContain("## Failures: a versus b");
        summary.ShouldNotContain("QWxhZGRpbjpvcGVuIHNlc2FtZQ=="); // the seed credential, masked as verify masks it
    }

    [GeneratedRegex(@": (status: \(status\): a answered (200, b 201|400, b 201|400, b 200)"
        + @"|field: (\[\]\.)?processId: .*present in a, missing in b"
        + @"|message-id: requestError\.serviceException\.messageId: a has ""APPLICATION_NOT_FOUND"", b ""NOT_FOUND"""
        + @"|error-text: requestError\.serviceException\.text: a has ""Application with given id cannot be found\."", b ""Not found"""
        + @"|xml-names: \(XML root\): a's root is <ApplicationResponse>, b's <ApplicationResponses>"
        + @"|body: \(body\): b's body cannot be read: the body cannot be read as the contract's XML: .*ApplicationResponses.*)$")]
    private static partial Regex Explained();

    [Fact]
    public async Task Under_the_today_profile_each_difference_is_accepted_as_today_s_known_deviation()
    {
        await using var seed = await Mock(MockFlavour.Seed);
        await using var today = await Mock(MockFlavour.Today);
        // The today profile plans within the documented budgets (20 creates per 10 minutes on each target, the email
        // templates' too): raised
        // here, so the run never waits.
        var run = await Compare(seed, today, "--profile", "today",
            "--budget", "list=1000/10m", "--budget", "create=1000/10m", "--budget", "get=1000/10m", "--budget", "update=1000/10m",
            "--budget", "createEmailMessageTemplate=1000/10m", "--budget", "updateEmailMessageTemplate=1000/10m");

        run.ExitCode.ShouldBe(0, run.Stdout);
        run.Stdout.ShouldStartWith("SAME: ");
        run.Stdout.ShouldContain(" 0 differ,");
        var listed = Listed(run.Stdout);
        listed.ShouldContain(l => l.StartsWith("createApplication/basic/json: status: (status): a answered 200, b 201; accepted as b's known deviation create-201", StringComparison.Ordinal));
        listed.ShouldContain(l => l.StartsWith("getApplication/notFound/json: message-id:", StringComparison.Ordinal) && l.EndsWith("known deviation not-found-generic", StringComparison.Ordinal));
        listed.ShouldContain(l => l.StartsWith("getApplication/basic/json: field: processId:", StringComparison.Ordinal) && l.EndsWith("known deviation no-process-id", StringComparison.Ordinal));
        listed.ShouldContain(l => l.StartsWith("listApplications/basic/xml: xml-names: (XML root):", StringComparison.Ordinal) && l.EndsWith("known deviation list-root-application-responses", StringComparison.Ordinal));
        // time-length-optional relaxes a rule: its negative cases are sent to neither target.
        listed.ShouldNotContain(l => l.Contains("length-omitted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_separate_seed_mocks_agree_once_their_ids_are_mapped()
    {
        await using var a = await Mock(MockFlavour.Seed);
        await using var b = await Mock(MockFlavour.Seed);
        var run = await Compare(a, b, "--report-dir", _folder);

        run.ExitCode.ShouldBe(0, run.Stdout);
        run.Stdout.ShouldStartWith("SAME: ");
        run.Stdout.ShouldContain(" 0 differ, 0 differ only as the profile accepts,");
        // Applications, templates and PINs: every one the run made on a has its counterpart on b.
        int.Parse(MappedIds().Match(run.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(20);
        XDocument.Load(Path.Combine(_folder, "junit.xml")).Descendants("failure").ShouldBeEmpty();
    }

    [GeneratedRegex(@"; (\d+) ids mapped;")]
    private static partial Regex MappedIds();

    [Theory]
    [InlineData("compare: --b <url> is required", "--a", "http://127.0.0.1:1")]
    [InlineData("compare: --a 'ftp://x' is not an http(s) URL", "--a", "ftp://x", "--b", "http://127.0.0.1:1")]
    [InlineData("compare: unknown option '--target'", "--a", "http://127.0.0.1:1", "--b", "http://127.0.0.1:1", "--target", "x")]
    [InlineData("compare: --kind-b must be external or mock, not 'robot'", "--a", "http://127.0.0.1:1", "--b", "http://127.0.0.1:1", "--kind-b", "robot")]
    [InlineData("compare: --timeout (CONFORMANCE_TIMEOUT) 'soon'", "--a", "http://127.0.0.1:1", "--b", "http://127.0.0.1:1", "--timeout", "soon")]
    [InlineData("compare: ", "--a", "http://127.0.0.1:1", "--b", "http://127.0.0.1:1", "--profile", "no-such-profile")]
    public async Task A_bad_argument_exits_2_with_one_line(string begins, params string[] args)
    {
        var run = await TfcRun.RunAsync(["compare", .. args]);
        run.ExitCode.ShouldBe(2);
        run.Stdout.ShouldBeEmpty();
        run.Stderr.TrimEnd().ShouldNotContain('\n');
        run.Stderr.ShouldStartWith(begins);
        run.Stderr.ShouldNotContain(" at ");
    }

    [Fact]
    public async Task An_unreachable_target_exits_2_with_one_line_naming_it()
    {
        await using var a = await Mock(MockFlavour.Seed);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var run = await TfcRun.RunAsync("compare", "--a", a.BaseUrl, "--b", $"http://127.0.0.1:{closed}", "--auth-b", "App secret-key-b", "--timeout", "5s");
        run.ExitCode.ShouldBe(2, run.Stdout);
        run.Stdout.ShouldBeEmpty();
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem().ShouldStartWith($"compare: b: cannot reach http://127.0.0.1:{closed}/");
        run.Stderr.ShouldNotContain("secret-key-b");
    }

    [Fact]
    public async Task Help_and_list_name_the_options_and_the_plan()
    {
        var help = await TfcRun.RunAsync("compare", "--help");
        help.ExitCode.ShouldBe(0);
        foreach (var option in new[] { "--a", "--b", "--auth", "--auth-a", "--auth-b", "--profile", "--report-dir", "--only", "--kind-a", "--kind-b" })
            TfcRun.OptionsIn(help.Stdout).ShouldContain(option);
        var list = await TfcRun.RunAsync("compare", "--list", "--only", "getApplication/*");
        list.ExitCode.ShouldBe(0, list.Stderr);
        list.Stdout.ShouldContain("getApplication/notFound/json");
        list.Stdout.ShouldNotContain("listApplications");
    }

    // Hostile answers: b answers the documented get in every broken shape beside a's good answer.
    private static readonly ContractOperation Get = ContractDocument.Load().Operation("getApplication");

    private const string Good = """{"applicationId":"A1","name":"n","configuration":{"pinAttempts":10,"pinTimeToLive":"15m"},"enabled":true,"processId":"P1"}""";

    public static TheoryData<string, string, string> HostileAnswers() => new()
    {
        { "<html>oops</html>", "body", "(body)" },
        { "null", "body", "(body)" },
        { "", "body", "(body)" },
        { "[1,2,3]", "type", "(body)" },
        { """{"applicationId":7,"name":["n"],"configuration":"x","enabled":"yes"}""", "type", "enabled" },
        { """{"applicationId":"B1","name":"n","configuration":{"pinAttempts":"10","pinTimeToLive":15},"enabled":true,"processId":"Q1"}""", "type", "configuration.pinAttempts" },
        { new string('[', 5000) + new string(']', 5000), "body", "(body)" },
        { """{"a":1,"a":2}""", "body", "(body)" },
    };

    [Theory]
    [MemberData(nameof(HostileAnswers))]
    public void A_hostile_answer_is_a_difference_never_an_exception(string body, string kind, string field)
    {
        var differences = new AnswerDiff(new CompareRules(ContractDocument.Load()), new IdMap()).Compare(Context(Good), Context(body));
        differences.ShouldContain(d => d.Kind == kind && d.Field == field, string.Join("; ", differences));
        differences.Count.ShouldBeLessThanOrEqualTo(AnswerDiff.MaxPerAnswer + 1);
    }

    [Fact]
    public void A_body_cut_at_the_limit_and_a_dropped_connection_are_differences()
    {
        var diff = new AnswerDiff(new CompareRules(ContractDocument.Load()), new IdMap());
        var tooLarge = Context(new string(' ', 100)) is var c
            ? new CheckContext(Get, c.Exchange with { TransportError = "the answer is larger than 1 MiB", TooLarge = true }, c.Expected, ConformanceMode.Strict)
            : null;
        diff.Compare(Context(Good), tooLarge!).ShouldHaveSingleItem().Kind.ShouldBe("answer");
        var dropped = new CheckContext(Get, new Exchange(new PlannedRequest("GET", "/x", BodyFormat.Json), null, null, "", "connection failed", TimeSpan.Zero),
            new Expectation([200], BodyFormat.Json), ConformanceMode.Strict);
        diff.Compare(dropped, Context(Good)).ShouldHaveSingleItem().Reason.ShouldBe("a gave no whole answer");
    }

    [Fact]
    public void Issued_ids_are_compared_through_the_map_and_generated_times_not_at_all()
    {
        var rules = new CompareRules(ContractDocument.Load());
        rules.GeneratedTimes.ShouldBe(["sentAt", "verifiedAt"], ignoreOrder: true);
        var ids = new IdMap();
        ids.Learn("A1", "B1");
        var diff = new AnswerDiff(rules, ids);
        diff.Compare(Context(Good), Context(Good.Replace("A1", "B1").Replace("P1", "Q1"))).ShouldBeEmpty();
        diff.Compare(Context(Good), Context(Good.Replace("A1", "B2"))).ShouldHaveSingleItem().Kind.ShouldBe("id");
        // The error envelope's messageId is an error code: compared by value.
        var error = """{"requestError":{"serviceException":{"messageId":"APPLICATION_NOT_FOUND","text":"t"}}}""";
        diff.Compare(Context(error, 404), Context(error.Replace("APPLICATION_NOT_FOUND", "NOT_FOUND"), 404))
            .ShouldHaveSingleItem().Kind.ShouldBe("message-id");
    }

    private static CheckContext Context(string body, int status = 200) =>
        new(Get, new Exchange(new PlannedRequest("GET", "/2fa/2/applications/x", BodyFormat.Json), status, "application/json", body, null, TimeSpan.Zero),
            new Expectation([status], BodyFormat.Json), ConformanceMode.Strict);
}
