using System.Diagnostics;
using TwoFactorContracts.Contract;
using TwoFactorContracts.HardeningTests.Support;
using Xunit.Abstractions;

namespace TwoFactorContracts.HardeningTests.Fuzz;

/// <summary>
/// Drives randomly mutated documented requests (every contract case, both media types) at the mock, seeded and
/// bounded in count and time, and judges each answer: never a 5xx; a 4xx is the envelope in the negotiated media
/// type; a 2xx validates against the contract; a rejected request leaves its account's list exactly as it was.
/// </summary>
public sealed class MutationFuzzTests(MockServerFixture mock, ITestOutputHelper output) : IClassFixture<MockServerFixture>
{
    private const int MaxReportedFailures = 20;

    [Fact]
    public async Task Mutated_documented_requests_never_break_the_contract()
    {
        var settings = FuzzSettings.FromEnvironment();
        output.WriteLine($"Fuzz seed {settings.Seed}, at most {settings.Count} requests in {settings.Budget.TotalSeconds:0} s (rerun: {settings.Rerun})");
        var cases = Bodies.Document.Cases.Where(c => !c.NeedsNoRequestCause).ToList();
        var accounts = Enumerable.Range(0, 3).Select(i => Accounts.New($"fuzz{i}")).ToArray();
        using var client = mock.BoundedClient(TimeSpan.FromSeconds(10));
        var lists = new Dictionary<string, string>();
        foreach (var account in accounts) lists[account] = await ListAsync(client, account);

        var run = await FuzzAsync(settings, client, cases, accounts, async (request, account, answer, problems) =>
        {
            if (answer.Status is >= 400 and < 500)
            {
                var after = await ListAsync(client, account);
                if (after != lists[account]) problems.Add("the account's list changed although the request was rejected");
            }
            else if (answer.Status is >= 200 and < 300)
            {
                lists[account] = await ListAsync(client, account);
            }
        });

        var summary = run.Summary(settings, "requests");
        output.WriteLine(summary);
        run.Sent.ShouldBeGreaterThanOrEqualTo(Math.Min(settings.Count, 200), $"the fuzz ran too few requests to mean anything. {summary}");
        run.ByStatus.Keys.Any(s => s is >= 200 and < 300).ShouldBeTrue($"no mutated request was accepted: the mutations only ever broke requests. {summary}");
        run.Failures.ShouldBeEmpty($"{summary}\nRerun with {settings.Rerun}\n{string.Join("\n", run.Failures)}");
    }

    [Fact]
    public async Task Mutated_documented_template_and_pin_flow_requests_never_break_the_contract()
    {
        // The same mutations over the message templates' and the PIN flow's cases: never a 5xx, a 4xx is the
        // envelope in the negotiated media type, a 2xx (a seeded application's templates, a status) is valid.
        var settings = FuzzSettings.FromEnvironment();
        var cases = Bodies.Document.AllOperations.Where(o => o.Tag != ContractDocument.ApplicationsTag)
            .SelectMany(o => o.Cases).Where(c => !c.NeedsNoRequestCause).ToList();
        var accounts = Enumerable.Range(0, 3).Select(i => Accounts.New($"fuzzflow{i}")).ToArray();
        using var client = mock.BoundedClient(TimeSpan.FromSeconds(10));

        var run = await FuzzAsync(settings, client, cases, accounts, (_, _, _, _) => Task.CompletedTask);

        var summary = run.Summary(settings, "flow requests");
        output.WriteLine(summary);
        run.Sent.ShouldBeGreaterThanOrEqualTo(Math.Min(settings.Count, 200), $"the fuzz ran too few requests to mean anything. {summary}");
        run.ByStatus.Keys.Any(s => s is 400).ShouldBeTrue($"no mutated request reached validation. {summary}");
        run.Failures.ShouldBeEmpty($"{summary}\nRerun with {settings.Rerun}\n{string.Join("\n", run.Failures)}");
    }

    private sealed record FuzzRun(int Sent, SortedDictionary<int, int> ByStatus, List<string> Failures, TimeSpan Elapsed)
    {
        public string Summary(FuzzSettings settings, string what) =>
            $"Fuzz seed {settings.Seed}: {Sent} {what} in {Elapsed.TotalSeconds:0.0} s; statuses " +
            string.Join(", ", ByStatus.Select(s => $"{s.Key}x{s.Value}"));
    }

    /// <summary>
    /// Sends mutated documented requests (each with its documented query) until the count, the time budget or the
    /// failure cap is reached; every answer is judged, and <paramref name="alsoCheck"/> adds a test's own problems.
    /// </summary>
    private static async Task<FuzzRun> FuzzAsync(FuzzSettings settings, HttpClient client, List<ContractCase> cases, string[] accounts,
        Func<FuzzRequest, string, ApiAnswer, List<string>, Task> alsoCheck)
    {
        var random = new Random(settings.Seed);
        var mutator = new Mutator(random);
        var failures = new List<string>();
        var byStatus = new SortedDictionary<int, int>();
        var sent = 0;
        var watch = Stopwatch.StartNew();
        while (sent < settings.Count && watch.Elapsed < settings.Budget && failures.Count < MaxReportedFailures)
        {
            var documented = cases[random.Next(cases.Count)];
            var account = accounts[random.Next(accounts.Length)];
            var request = FuzzRequest.From(documented, account);
            request.Path += documented.Query;
            mutator.Mutate(request, documented.Format);
            sent++;

            ApiAnswer answer;
            try
            {
                answer = await Api.SendAsync(client, request.Method, request.Path, request.Authorization, request.Body, request.ContentType, request.Accept);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"#{sent} no answer ({e.GetType().Name}: {e.Message}): {request}");
                continue;
            }
            byStatus[answer.Status] = byStatus.GetValueOrDefault(answer.Status) + 1;

            var problems = Judge(request, answer);
            await alsoCheck(request, account, answer, problems);
            if (problems.Count > 0) failures.Add($"#{sent} {string.Join("; ", problems)}\n    request: {request}\n    answer: {answer}");
        }
        return new FuzzRun(sent, byStatus, failures, watch.Elapsed);
    }

    private static List<string> Judge(FuzzRequest request, ApiAnswer answer)
    {
        var problems = new List<string>();
        if (answer.Status >= 500) problems.Add($"{answer.Status} is a server error");
        else if (answer.Status >= 400) problems.AddRange(Envelope.Problems(answer, request.NegotiatedFormat));
        else if (answer.Status is >= 200 and < 300)
        {
            var operation = OperationOf(request.Method, request.Path);
            if (operation is null) problems.Add($"{answer.Status} for a request that names no operation");
            else if (answer.Format is not { } format) problems.Add($"2xx with Content-Type '{answer.ContentType}'");
            else
            {
                if (request.NegotiatedFormat is { } negotiated && negotiated != format) problems.Add($"answered {format}, the client asked for {negotiated}");
                problems.AddRange(Bodies.Document.Operation(operation).ResponseSchema(answer.Status, format).Validate(answer.Body, format)
                    .Select(p => $"2xx not valid against {operation}: {p}"));
            }
        }
        else problems.Add($"unexpected status {answer.Status}");
        return problems;
    }

    /// <summary>The contract's operation a method and path name, judged independently of the mock's router (from the path templates).</summary>
    private static string? OperationOf(string method, string path)
    {
        // The path as the server sees it: dot segments (also %2e%2e) are resolved by the HTTP stack first.
        var rest = Uri.TryCreate("http://judge" + path.Split('?')[0].Replace("%2e", ".", StringComparison.OrdinalIgnoreCase), UriKind.Absolute, out var uri)
            ? uri.AbsolutePath
            : path.Split('?')[0];
        return Bodies.Document.AllOperations.FirstOrDefault(o => o.Method == method && PatternOf(o.PathTemplate).IsMatch(rest))?.OperationId;
    }

    private static System.Text.RegularExpressions.Regex PatternOf(string template) =>
        new("^" + System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Escape(template), @"\\\{[^/}]+}", "[^/]+") + "/?$");

    private static async Task<string> ListAsync(HttpClient client, string account)
    {
        var list = await Api.ListAsync(client, account);
        list.Status.ShouldBe(200, $"list: {list}");
        return list.Body;
    }
}
