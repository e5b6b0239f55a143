using System.Text;
using System.Text.RegularExpressions;

namespace TwoFactorContracts.Tool.Tests.Cli;

/// <summary>A TextWriter that keeps what is written and completes <see cref="Match"/> on the first line matching a pattern.</summary>
public sealed class LineSignalWriter(string pattern) : TextWriter
{
    private readonly StringBuilder _line = new();
    private readonly StringBuilder _all = new();
    private readonly TaskCompletionSource<string> _match = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Match => _match.Task;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_all)
        {
            _all.Append(value);
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }
            if (Regex.Match(_line.ToString(), pattern) is { Success: true } found) _match.TrySetResult(found.Value);
            _line.Clear();
        }
    }

    public override string ToString()
    {
        lock (_all) return _all.ToString();
    }
}
