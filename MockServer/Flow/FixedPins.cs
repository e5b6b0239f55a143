using System.Collections.Concurrent;

namespace TwoFactorContracts.MockServer.Flow;

/// <summary>
/// Deterministic PINs for end-to-end tests: one for every send (--fixed-pin) and one per recipient (the admin
/// API); the recipient's wins. A reset clears the per-recipient ones; the global one is an option and stays.
/// </summary>
public sealed class FixedPins
{
    /// <summary>Most per-recipient PINs held (bounds memory against an endless loop of PUTs).</summary>
    public const int Capacity = 10_000;

    /// <summary>The longest fixed PIN taken.</summary>
    public const int MaxLength = 50;

    private readonly ConcurrentDictionary<string, string> _byRecipient = new(StringComparer.Ordinal);

    public FixedPins(string? global = null)
    {
        if (global is not null && Problem(global) is { } problem) throw new ArgumentException($"--fixed-pin: {problem}");
        Global = global;
    }

    /// <summary>The PIN of every send without a recipient's own, or null.</summary>
    public string? Global { get; }

    /// <summary>The PIN a send to <paramref name="to"/> uses, or null for a random one.</summary>
    public string? For(string to) => _byRecipient.TryGetValue(to, out var pin) ? pin : Global;

    /// <summary>Sets a recipient's PIN; false (nothing changed) when <see cref="Capacity"/> recipients have one already.</summary>
    public bool Set(string to, string pin)
    {
        if (Problem(pin) is { } problem) throw new ArgumentException(problem, nameof(pin));
        if (_byRecipient.Count >= Capacity && !_byRecipient.ContainsKey(to)) return false;
        _byRecipient[to] = pin;
        return true;
    }

    public bool Remove(string to) => _byRecipient.TryRemove(to, out _);

    /// <summary>The per-recipient PINs, ordered by recipient.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Snapshot() =>
        [.. _byRecipient.OrderBy(p => p.Key, StringComparer.Ordinal)];

    public void Clear() => _byRecipient.Clear();

    /// <summary>Why a PIN cannot be fixed, or null: 1-50 ASCII letters or digits (what the PIN types are made of).</summary>
    public static string? Problem(string? pin)
    {
        if (string.IsNullOrEmpty(pin)) return "pin must be a non-empty string.";
        if (pin.Length > MaxLength) return $"pin must have at most {MaxLength} characters.";
        foreach (var c in pin)
            if (!char.IsAsciiLetterOrDigit(c)) return "pin must consist of ASCII letters and digits only.";
        return null;
    }
}
