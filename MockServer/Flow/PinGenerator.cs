using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>A template's <c>pinType</c>: which characters its PINs are made of.</summary>
public enum PinType
{
    Numeric,
    Alpha,
    Hex,
    Alphanumeric,
}

/// <summary>The API's names of the PIN types and their alphabets.</summary>
public static class PinTypes
{
    private const string Digits = "0123456789";
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string HexDigits = Digits + "ABCDEF";
    private const string DigitsAndLetters = Digits + Letters;

    /// <summary>Reads the API's name (NUMERIC, ALPHA, HEX, ALPHANUMERIC); false for anything else.</summary>
    public static bool TryParse(string? name, out PinType type)
    {
        (var known, type) = name switch
        {
            "NUMERIC" => (true, PinType.Numeric),
            "ALPHA" => (true, PinType.Alpha),
            "HEX" => (true, PinType.Hex),
            "ALPHANUMERIC" => (true, PinType.Alphanumeric),
            _ => (false, default),
        };
        return known;
    }

    public static string NameOf(PinType type) => type.ToString().ToUpperInvariant();

    public static string AlphabetOf(PinType type) => type switch
    {
        PinType.Numeric => Digits,
        PinType.Alpha => Letters,
        PinType.Hex => HexDigits,
        _ => DigitsAndLetters,
    };
}

/// <summary>
/// Makes the PIN of a send: the recipient's fixed PIN, else the global one (--fixed-pin), else <c>pinLength</c>
/// characters of the type's alphabet from the cryptographic random generator (a mock's PIN is still a secret
/// someone might paste into a real login form).
/// </summary>
public sealed class PinGenerator(FixedPins fixedPins)
{
    /// <summary>The longest PIN generated (a template's pinLength is validated by the contract before it gets here).</summary>
    public const int MaxLength = 1000;

    public string Next(PinType type, int length, string to)
    {
        if (fixedPins.For(to) is { } fixedPin) return fixedPin;
        if (length is < 1 or > MaxLength) throw new ArgumentOutOfRangeException(nameof(length), $"A PIN has 1-{MaxLength} characters.");
        return SecureRandom.GetString(PinTypes.AlphabetOf(type), length);
    }

    /// <summary>A new pinId: 32 upper-case hex characters, like the API's ids.</summary>
    public static string NewPinId()
    {
        Span<byte> id = stackalloc byte[16];
        SecureRandom.Fill(id);
        return Convert.ToHexString(id);
    }
}
