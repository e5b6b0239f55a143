namespace TwoFactorContracts.MockServer.Core;

/// <summary>
/// The API's time format <c>{timeLength}{timeUnit}</c> (units ms, s, m, h, d; length a positive integer
/// without leading zeros) and its normalised form: the largest unit that expresses the length whole
/// (120m -> 2h, 1000ms -> 1s, 24h -> 1d). Hand-written parser: no regex, no allocation.
/// </summary>
public static class Duration
{
    public const long Millisecond = 1;
    public const long Second = 1000;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;
    public const long Year = 365 * Day;

    /// <summary>
    /// Parses a time; false when not in the format. Lengths too large to count saturate at long.MaxValue.
    /// With <paramref name="lengthOptional"/> (today's API) a bare unit means a length of 1: "m" is one minute.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long milliseconds, bool lengthOptional = false)
    {
        milliseconds = 0;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == 0 && lengthOptional && !text.IsEmpty) return TryUnit(text, out milliseconds);
        if (digits == 0 || text[0] == '0') return false;

        if (!TryUnit(text[digits..], out var unit)) return false;

        long length = 0;
        foreach (var c in text[..digits])
        {
            if (length > (long.MaxValue - 9) / 10) { milliseconds = long.MaxValue; return true; }
            length = (length * 10) + (c - '0');
        }
        milliseconds = length > long.MaxValue / unit ? long.MaxValue : length * unit;
        return true;
    }

    private static bool TryUnit(ReadOnlySpan<char> suffix, out long unit)
    {
        if (suffix is "ms") unit = Millisecond;
        else if (suffix is "s") unit = Second;
        else if (suffix is "m") unit = Minute;
        else if (suffix is "h") unit = Hour;
        else if (suffix is "d") unit = Day;
        else { unit = 0; return false; }
        return true;
    }

    /// <summary>The normalised text of a duration: the largest unit that divides it.</summary>
    public static string Format(long milliseconds)
    {
        Span<char> text = stackalloc char[24];
        return new string(text[..Write(milliseconds, text)]);
    }

    /// <summary>Writes the normalised text into <paramref name="destination"/> (24 chars suffice); returns its length. No allocation.</summary>
    public static int Write(long milliseconds, Span<char> destination)
    {
        var (length, unit) = milliseconds % Day == 0 ? (milliseconds / Day, "d")
            : milliseconds % Hour == 0 ? (milliseconds / Hour, "h")
            : milliseconds % Minute == 0 ? (milliseconds / Minute, "m")
            : milliseconds % Second == 0 ? (milliseconds / Second, "s")
            : (milliseconds, "ms");
        length.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        unit.CopyTo(destination[written..]);
        return written + unit.Length;
    }
}

/// <summary>The API's limit format <c>{attempts}/{timeLength}{timeUnit}</c>.</summary>
public static class Limit
{
    /// <summary>
    /// Parses a limit; false when not in the format. Attempts beyond int32 saturate at long.MaxValue. With
    /// <paramref name="lengthOptional"/> the interval's length may be left out ("3/d" is "3/1d"); attempts may not.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long attempts, out long intervalMilliseconds, bool lengthOptional = false)
    {
        attempts = 0;
        intervalMilliseconds = 0;
        var slash = text.IndexOf('/');
        if (slash <= 0 || text[0] == '0') return false;
        foreach (var c in text[..slash])
        {
            if (!char.IsAsciiDigit(c)) return false;
            attempts = attempts > (long.MaxValue - 9) / 10 ? long.MaxValue : (attempts * 10) + (c - '0');
        }
        return Duration.TryParse(text[(slash + 1)..], out intervalMilliseconds, lengthOptional);
    }

    public static string Format(long attempts, long intervalMilliseconds)
    {
        Span<char> text = stackalloc char[48];
        return new string(text[..Write(attempts, intervalMilliseconds, text)]);
    }

    /// <summary>Writes the normalised limit into <paramref name="destination"/> (48 chars suffice); returns its length.</summary>
    public static int Write(long attempts, long intervalMilliseconds, Span<char> destination)
    {
        attempts.TryFormat(destination, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        destination[written++] = '/';
        return written + Duration.Write(intervalMilliseconds, destination[written..]);
    }
}
