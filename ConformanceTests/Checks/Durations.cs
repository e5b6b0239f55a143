using System.Globalization;
using System.Text.RegularExpressions;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The API's time (<c>15m</c>) and limit (<c>3/1d</c>) formats as durations, so that values are compared by
/// what they mean: the API reports a time in its largest whole unit (120m reads back as 2h).
/// </summary>
public static partial class Durations
{
    /// <summary>The time, or null when the text is not one (or is longer than a TimeSpan holds).</summary>
    public static TimeSpan? ParseTime(string text)
    {
        var match = TimePattern().Match(text.Trim());
        if (!match.Success || !long.TryParse(match.Groups["length"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return null;
        var unit = match.Groups["unit"].Value switch
        {
            "ms" => 1L,
            "s" => 1_000L,
            "m" => 60_000L,
            "h" => 3_600_000L,
            _ => 86_400_000L,
        };
        return length <= TimeSpan.MaxValue.TotalMilliseconds / unit / 2 ? TimeSpan.FromMilliseconds(length * unit) : null;
    }

    public static (long Attempts, TimeSpan Interval)? ParseLimit(string text)
    {
        var parts = text.Trim().Split('/');
        return parts.Length == 2
               && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var attempts)
               && ParseTime(parts[1]) is { } interval
            ? (attempts, interval)
            : null;
    }

    /// <summary>Equal as times, as limits, or as plain text when neither format applies.</summary>
    public static bool SameValue(string expected, string received)
    {
        if (ParseTime(expected) is { } a && ParseTime(received) is { } b) return a == b;
        if (ParseLimit(expected) is { } x && ParseLimit(received) is { } y) return x == y;
        return string.Equals(expected, received, StringComparison.Ordinal);
    }

    /// <summary>The time in the largest unit that expresses it whole (7200000 ms reads 2h), as the API reports it.</summary>
    public static string Normalised(TimeSpan time)
    {
        var ms = (long)time.TotalMilliseconds;
        foreach (var (unit, size) in Units)
            if (ms % size == 0) return $"{ms / size}{unit}";
        return $"{ms}ms";
    }

    /// <summary>A time or limit text as the API should report it, or null when the text is neither.</summary>
    public static string? Normalised(string text) =>
        ParseTime(text) is { } time ? Normalised(time)
        : ParseLimit(text) is { } limit ? $"{limit.Attempts}/{Normalised(limit.Interval)}"
        : null;

    private static readonly (string Unit, long Milliseconds)[] Units =
        [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1)];

    [GeneratedRegex(@"^(?<length>[0-9]+)(?<unit>ms|s|m|h|d)$")]
    private static partial Regex TimePattern();
}
