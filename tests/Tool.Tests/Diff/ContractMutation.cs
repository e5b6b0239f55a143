namespace TwoFactorContracts.Tool.Tests.Diff;

/// <summary>
/// A copy of our contract changed by text edits, each anchored so it hits exactly the place meant, written to a
/// temp file for <c>tfc diff</c>. Every edit fails the test when its text is not where it should be.
/// </summary>
public sealed class ContractMutation
{
    public static readonly string ContractPath = Path.Combine(AppContext.BaseDirectory, "openapi", "2fa-applications.yaml");

    private readonly List<string> _lines;

    private ContractMutation(IEnumerable<string> lines) => _lines = [.. lines];

    public static ContractMutation OfContract() => new(File.ReadAllLines(ContractPath));

    /// <summary>Replaces the first <paramref name="find"/> on or after the line <paramref name="after"/> (a unique line start).</summary>
    public ContractMutation Replace(string find, string replace, string? after = null)
    {
        var start = after is null ? 0 : LineOf(after, 0);
        for (var i = start; i < _lines.Count; i++)
        {
            var at = _lines[i].IndexOf(find, StringComparison.Ordinal);
            if (at < 0) continue;
            _lines[i] = _lines[i][..at] + replace + _lines[i][(at + find.Length)..];
            return this;
        }
        throw new InvalidOperationException($"'{find}' not found after '{after}'");
    }

    /// <summary>Removes the line <paramref name="key"/> (first after <paramref name="after"/>) and every deeper-indented line below it.</summary>
    public ContractMutation RemoveBlock(string key, string? after = null)
    {
        var at = LineOf(key, after is null ? 0 : LineOf(after, 0));
        var indent = Indent(_lines[at]);
        var end = at + 1;
        while (end < _lines.Count && (_lines[end].Trim().Length == 0 || Indent(_lines[end]) > indent)) end++;
        _lines.RemoveRange(at, end - at);
        return this;
    }

    /// <summary>Inserts <paramref name="text"/>'s lines right after the line <paramref name="key"/> (first after <paramref name="after"/>).</summary>
    public ContractMutation InsertAfter(string key, string text, string? after = null)
    {
        var at = LineOf(key, after is null ? 0 : LineOf(after, 0));
        _lines.InsertRange(at + 1, text.Split('\n'));
        return this;
    }

    /// <summary>Writes the copy to a new file in <paramref name="folder"/>.</summary>
    public string WriteTo(string folder)
    {
        var path = Path.Combine(folder, $"contract-{Guid.NewGuid():N}.yaml");
        File.WriteAllLines(path, _lines);
        return path;
    }

    private int LineOf(string lineStart, int from)
    {
        for (var i = from; i < _lines.Count; i++)
            if (_lines[i].TrimEnd() == lineStart || _lines[i].StartsWith(lineStart, StringComparison.Ordinal)) return i;
        throw new InvalidOperationException($"no line '{lineStart}' at or after line {from + 1}");
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
}
