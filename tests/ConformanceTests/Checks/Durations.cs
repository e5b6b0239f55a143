using System.Globalization;
using System.Text.RegularExpressions;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The API's time (<c>15m</c>) and limit (<c>3/1d</c>) formats as durations, so that values are compared by
/// what they mean: the API reports a time in its largest whole unit (120m reads back as 2h).
/// </summary>
public static partial class Durations
{
    public static TimeSpan? ParseTime(string text)
    {
        var match = TimePattern().Match(text.Trim());
        if (!match.Success) return null;
        var length = long.Parse(match.Groups["length"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(length),
            "s" => TimeSpan.FromSeconds(length),
            "m" => TimeSpan.FromMinutes(length),
            "h" => TimeSpan.FromHours(length),
            _ => TimeSpan.FromDays(length),
        };
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

    [GeneratedRegex(@"^(?<length>[0-9]+)(?<unit>ms|s|m|h|d)$")]
    private static partial Regex TimePattern();
}
