using System.Globalization;
using TwoFactorContracts.ConformanceTests.Planning;

namespace TwoFactorContracts.ConformanceTests.Command;

/// <summary>
/// Progress on stderr: a case counter, each verdict, and every wait with its reason and a countdown (redrawn each
/// second on a terminal; every 10 seconds in a log, so CI output stays short).
/// </summary>
public sealed class StderrProgress(TextWriter stderr, bool terminal) : IRunProgress
{
    private string? _waitingFor;
    private long _lastShown = -1;

    public void Case(int number, int total, string id)
    {
        EndWait();
        stderr.WriteLine($"[{number}/{total}] {id}");
    }

    public void Waiting(string reason, TimeSpan remaining)
    {
        var seconds = (long)Math.Ceiling(remaining.TotalSeconds);
        var text = $"waiting {seconds / 60}:{(seconds % 60).ToString("00", CultureInfo.InvariantCulture)}: {reason}";
        if (terminal) stderr.Write($"\r{text}   ");
        else if (reason != _waitingFor || (seconds % 10 == 0 && seconds != _lastShown)) stderr.WriteLine(text);
        _waitingFor = reason;
        _lastShown = seconds;
    }

    public void Note(string line)
    {
        EndWait();
        stderr.WriteLine(line);
    }

    private void EndWait()
    {
        if (_waitingFor is not null && terminal) stderr.WriteLine();
        _waitingFor = null;
    }
}
