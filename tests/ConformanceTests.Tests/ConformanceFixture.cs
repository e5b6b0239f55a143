using System.Reflection;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Reports;
using TwoFactorContracts.ConformanceTests.Runner;
using TwoFactorContracts.ConformanceTests.Targets;
using TwoFactorContracts.MockServer;
using TwoFactorContracts.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace TwoFactorContracts.ConformanceTests;

[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "Conformance against the configured target";
}

/// <summary>
/// The run's targets and report. Without CONFORMANCE_TARGET_URL it starts our mock in-process twice on free
/// loopback ports: stateful (the primary target) and examples mode (for the exact-example cases). The target profile
/// (CONFORMANCE_PROFILE, default seed) and budgets apply to the primary target as in the command.
/// Disposal writes the Markdown summary and says how many applications the run created.
/// </summary>
public sealed class ConformanceFixture(IMessageSink sink) : IAsyncLifetime
{
    private TwoFactorMock? _stateful;
    private TwoFactorMock? _examples;
    private DateTime _started;

    public ConformanceSettings Settings { get; } = ConformanceSettings.Current;

    public ContractDocument Contract { get; } = ContractDocument.Load();

    public ConformanceReport Report { get; } = new();

    public ConformanceRunner Primary { get; private set; } = null!;

    /// <summary>The examples-mode mock's runner; null when the suite points at a URL.</summary>
    public ConformanceRunner? Examples { get; private set; }

    public ContractCase Case(string id) => Contract.Cases.Single(c => c.Id == id);

    /// <summary>The PIN flow's shared application and template for the flow's documented cases (made on first use).</summary>
    public Runner.Flow.FlowLifecycle Flow => _flow ??= new Runner.Flow.FlowLifecycle(Primary);

    private Runner.Flow.FlowLifecycle? _flow;

    public async Task InitializeAsync()
    {
        _started = DateTime.UtcNow;
        if (Settings.TargetUrl is { } url)
        {
            Primary = new ConformanceRunner(new ConformanceTarget(url, Settings.TargetIsOurMock ? TargetKind.StatefulMock : TargetKind.External), Settings);
            return;
        }
        var stateful = MockTargets.StartAsync(MockMode.Stateful);
        var examples = MockTargets.StartAsync(MockMode.Examples);
        _stateful = await stateful;
        _examples = await examples;
        // Our in-process mock does not throttle: a profile's budgets would only make the run wait for nothing.
        Primary = new ConformanceRunner(_stateful.Target, Settings, gate: Planning.RequestGate.Open());
        Examples = new ConformanceRunner(_examples.Target, Settings, gate: Planning.RequestGate.Open());
    }

    public async Task DisposeAsync()
    {
        foreach (var c in Contract.Cases)
            if (!Report.Section(ConformanceReport.Documented).ContainsKey(c.Id) && Primary.WhyNotRunnable(c) is { } reason)
                Report.Add(ConformanceReport.Documented, new CaseResult(c.Id, "(not sent)", [], reason));
            else if (!Report.Section(ConformanceReport.Documented).ContainsKey(c.Id) && Primary.Profile.Relaxes(c) is not null)
                Report.Add(ConformanceReport.Documented, await Primary.RunAsync(c)); // sends nothing: says which entry relaxes it
        foreach (var n in NegativeCases.For(Contract))
            if (!Report.Section(ConformanceReport.Negative).ContainsKey(n.Id) && Primary.WhyNotSent(n) is not null)
                Report.Add(ConformanceReport.Negative, await Primary.RunAsync(n)); // sends nothing

        var target = Settings.TargetUrl is { } url
            ? $"{url} ({(Settings.TargetIsOurMock ? "our mock" : "external deployment")})"
            : $"in-process mock, stateful at {_stateful!.Target.BaseUrl}, examples mode at {_examples!.Target.BaseUrl}";
        var created = Primary.Budget.Created.ToList(); // the examples-mode mock stores nothing
        var facts = new MarkdownSummary.RunFacts(target, Settings.Mode, Settings.ReadOnly, Settings.Timeout, Settings.RunId, created, Settings.MaxCreates)
        {
            Profile = Primary.Profile,
            Budgets = Primary.Gate.Budgets.Select(b => $"{b.Key} {Planning.BudgetText.Format(b.Value)}").ToList(),
            Throttled = Primary.Gate.Throttled,
            Sent = Primary.Gate.Sent.ToDictionary(),
        };
        var path = ReportPath(Settings.ReportPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, MarkdownSummary.Render(Report, Contract, facts, Primary.Mask));

        var message = $"Conformance: created {created.Count} application(s) on {Primary.Mask.Apply(target)} in {(DateTime.UtcNow - _started).TotalSeconds:0.0} s; summary: {path}";
        sink.OnMessage(new DiagnosticMessage(message));
        Console.WriteLine(message);

        _flow?.Dispose();
        Primary.Dispose();
        Examples?.Dispose();
        if (_stateful is not null) await _stateful.DisposeAsync();
        if (_examples is not null) await _examples.DisposeAsync();
    }

    /// <summary>Relative paths are taken from where `dotnet test` was started (PWD), not from the test host's folder.</summary>
    private static string ReportPath(string configured)
    {
        if (Path.IsPathRooted(configured)) return configured;
        var start = Environment.GetEnvironmentVariable("CONFORMANCE_REPORT") is null
            ? ProjectDirectory
            : Environment.GetEnvironmentVariable("PWD") ?? Environment.CurrentDirectory;
        return Path.GetFullPath(Path.Combine(start, configured));
    }

    private static string ProjectDirectory =>
        typeof(ConformanceFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value ?? Environment.CurrentDirectory;
}
