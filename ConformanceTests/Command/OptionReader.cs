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

    /// <summary>The options part of a command's help: each option, its value, its help lines, and the variable it can come from.</summary>
    public static IEnumerable<string> HelpLines(IEnumerable<(string Name, string? Value, string Help, string? Variable)> options)
    {
        foreach (var (name, value, text, variable) in options)
        {
            var head = value is null ? name : $"{name} {value}";
            var help = text.Split('\n');
            yield return $"  {head,-36} {help[0]}";
            foreach (var more in help.Skip(1)) yield return $"  {"",-36} {more}";
            if (variable is not null) yield return $"  {"",-36} (or {variable})";
        }
    }
}
