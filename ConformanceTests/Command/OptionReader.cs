namespace TwoFactorContracts.ConformanceTests.Command;

/// <summary>
/// Splits a tfc command's arguments into options and values, the same way for every command: <c>--name value</c> or
/// <c>--name=value</c>; an option that takes no value (a flag) reads <c>true</c>. Bad input is one clear line
/// (an <see cref="ArgumentException"/> the command prints).
/// </summary>
public static class OptionReader
{
    /// <param name="options">Each option the command knows, with the value it takes as its help shows it (null for a flag).</param>
    /// <param name="unknown">The text for an argument no option names.</param>
    public static IEnumerable<(string Name, string Value)> Read(IReadOnlyList<string> args, IEnumerable<(string Name, string? Value)> options,
        Func<string, string> unknown)
    {
        var known = options.ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            if (!known.TryGetValue(name, out var takes)) throw new ArgumentException(unknown(name));
            if (takes is null)
            {
                if (inline is not null) throw new ArgumentException($"{name} takes no value");
                yield return (name, "true");
                continue;
            }
            yield return (name, inline ?? (i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value: {takes}")));
        }
    }
}
