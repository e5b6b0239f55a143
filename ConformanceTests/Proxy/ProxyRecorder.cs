using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TwoFactorContracts.ConformanceTests.Checks;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// Records every judged exchange: one line of <c>exchanges.jsonl</c> at once (flushed, so the file is live), and
/// counts per coverage cell for the reports written on stop. What it keeps is bounded (distinct violations per cell,
/// paths outside the contract, target failures, the last exchanges for the page), so a long run stays flat.
/// </summary>
public sealed class ProxyRecorder : IDisposable
{
    public const string ExchangesFile = "exchanges.jsonl";
    public const int Recent = 100;
    private const int MaxDistinct = 50;
    private const int MaxPaths = 200;

    private readonly Lock _lock = new();
    private readonly StreamWriter? _writer;
    private readonly Dictionary<string, CellStats> _cells = [];
    private readonly Dictionary<string, int> _notInContract = [];
    private readonly List<JudgedExchange> _failures = [];
    private readonly Dictionary<string, (int Count, string Reason)> _accepted = [];
    private readonly LinkedList<JudgedExchange> _recent = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    public ProxyRecorder(string? reportDir)
    {
        if (reportDir is null) return;
        Directory.CreateDirectory(reportDir);
        ReportDir = reportDir;
        _writer = new StreamWriter(new FileStream(Path.Combine(reportDir, ExchangesFile), FileMode.Create, FileAccess.Write, FileShare.Read),
            new UTF8Encoding(false));
    }

    public string? ReportDir { get; }

    public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;

    public int Exchanges { get; private set; }

    public int WithViolations { get; private set; }

    public int Violations { get; private set; }

    public int NotInContract { get; private set; }

    public int TargetFailures { get; private set; }

    public int NotValidated { get; private set; }

    public sealed class CellStats(string cell, string? operation, int? status, string? media)
    {
        public string Cell { get; } = cell;
        public string? Operation { get; } = operation;
        public int? Status { get; } = status;
        public string? Media { get; } = media;
        public int Seen { get; set; }
        public int SeenWithViolations { get; set; }
        public int NotValidated { get; set; }

        /// <summary>Each distinct violation (check and reason) with how often it was seen and its first expected/received.</summary>
        public Dictionary<(string Check, string Reason), (int Count, CheckVerdict First)> Violations { get; } = [];
    }

    public void Record(JudgedExchange exchange)
    {
        lock (_lock)
        {
            Exchanges++;
            var violations = exchange.ViolationCount;
            Violations += violations;
            if (violations > 0) WithViolations++;
            if (exchange.NotValidated is not null) NotValidated++;
            if (exchange.NotInContract)
            {
                NotInContract++;
                var key = $"{exchange.Method} {exchange.Path.Split('?')[0]}";
                if (_notInContract.ContainsKey(key) || _notInContract.Count < MaxPaths) _notInContract[key] = _notInContract.GetValueOrDefault(key) + 1;
            }
            if (exchange.TargetFailure is not null)
            {
                TargetFailures++;
                if (_failures.Count < MaxDistinct) _failures.Add(exchange);
            }
            if (!exchange.NotInContract)
            {
                if (!_cells.TryGetValue(exchange.CellId, out var cell))
                    _cells[exchange.CellId] = cell = new CellStats(exchange.CellId, exchange.Operation, exchange.Status, exchange.MediaType);
                cell.Seen++;
                if (violations > 0) cell.SeenWithViolations++;
                if (exchange.NotValidated is not null) cell.NotValidated++;
                foreach (var v in exchange.Violations)
                {
                    var key = (v.Check, v.Reason);
                    if (cell.Violations.TryGetValue(key, out var known)) cell.Violations[key] = (known.Count + 1, known.First);
                    else if (cell.Violations.Count < MaxDistinct) cell.Violations[key] = (1, v);
                }
            }
            foreach (var a in exchange.Accepted)
                foreach (var id in (a.Deviation ?? a.Check).Split(", "))
                    _accepted[id] = (_accepted.GetValueOrDefault(id).Count + 1, _accepted.TryGetValue(id, out var seen) ? seen.Reason : a.Reason);
            _recent.AddLast(exchange);
            if (_recent.Count > Recent) _recent.RemoveFirst();
            if (_writer is not null)
            {
                _writer.WriteLine(ToJson(exchange).ToJsonString(Compact));
                _writer.Flush();
            }
            foreach (var waiter in _waiters.Where(w => Exchanges >= w.Count).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult();
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> exchanges have been recorded (tests, and the page's callers).</summary>
    public Task WhenRecordedAsync(int count, CancellationToken cancel = default)
    {
        lock (_lock)
        {
            if (Exchanges >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(cancel);
        }
    }

    public IReadOnlyList<CellStats> Cells { get { lock (_lock) return [.. _cells.Values]; } }

    public IReadOnlyDictionary<string, int> PathsNotInContract { get { lock (_lock) return new Dictionary<string, int>(_notInContract); } }

    public IReadOnlyList<JudgedExchange> Failures { get { lock (_lock) return [.. _failures]; } }

    /// <summary>Profile entries (and accepted decisions) seen, by id: how often, and the reason of the first.</summary>
    public IReadOnlyDictionary<string, (int Count, string Reason)> AcceptedSeen { get { lock (_lock) return new Dictionary<string, (int, string)>(_accepted); } }

    /// <summary>The last exchanges, newest last.</summary>
    public IReadOnlyList<JudgedExchange> Last { get { lock (_lock) return [.. _recent]; } }

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One line of exchanges.jsonl.</summary>
    public static JsonObject ToJson(JudgedExchange x) => new()
    {
        ["time"] = x.Time.ToString("O"),
        ["operation"] = x.Operation,
        ["method"] = x.Method,
        ["path"] = x.Path,
        ["status"] = x.Status,
        ["mediaType"] = x.MediaType,
        ["latencyMs"] = Math.Round(x.LatencyMs, 2),
        ["outcome"] = Outcome(x),
        ["violations"] = new JsonArray([.. x.Violations.Select(v => new JsonObject
        {
            ["check"] = v.Check, ["reason"] = v.Reason, ["expected"] = v.Expected, ["received"] = v.Received,
        })]),
        ["accepted"] = new JsonArray([.. x.Accepted.Select(v => new JsonObject
        {
            ["check"] = v.Check, ["deviation"] = v.Deviation, ["reason"] = v.Reason,
        })]),
        ["notValidated"] = x.NotValidated,
        ["targetFailure"] = x.TargetFailure,
    };

    /// <summary>One word for the exchange: target failure, not in the contract, violations, not validated, accepted, conforms.</summary>
    public static string Outcome(JudgedExchange x) =>
        x.TargetFailure is not null ? "target failure"
        : x.NotInContract ? ProxyVerdicts.NotInContract
        : x.ViolationCount > 0 ? "violations"
        : x.NotValidated is not null ? x.NotValidated
        : x.Accepted.Any() ? "accepted deviations"
        : "conforms";

    public void Dispose()
    {
        lock (_lock) _writer?.Dispose();
    }
}
