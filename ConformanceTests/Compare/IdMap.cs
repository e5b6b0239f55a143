namespace TwoFactorContracts.ConformanceTests.Compare;

/// <summary>
/// The ids target a issued, each mapped to the id target b issued for the same thing (the same step of the same case).
/// Learnt from both targets' requests and answers before anything is compared; the first pairing of an id wins, so an
/// answer that names another object than its counterpart shows as a difference of kind <c>id</c>.
/// </summary>
public sealed class IdMap
{
    private readonly Dictionary<string, string> _aToB = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bToA = new(StringComparer.Ordinal);

    public int Count => _aToB.Count;

    /// <summary>Pairs a's id with b's; an id already paired keeps its first partner.</summary>
    public void Learn(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0 || _aToB.ContainsKey(a) || _bToA.ContainsKey(b)) return;
        _aToB[a] = b;
        _bToA[b] = a;
    }

    public string? ForA(string a) => _aToB.GetValueOrDefault(a);

    public string? ForB(string b) => _bToA.GetValueOrDefault(b);

    /// <summary>Both ids are issued by this run (either is mapped).</summary>
    public bool Knows(string? a, string? b) => (a is not null && _aToB.ContainsKey(a)) || (b is not null && _bToA.ContainsKey(b));

    /// <summary>
    /// Whether a's id and b's id stand for the same thing: the same literal (a documented or fixed id), or the pair
    /// learnt. Null when neither is known (nothing says they differ).
    /// </summary>
    public bool? Same(string a, string b)
    {
        if (a == b && !_aToB.ContainsKey(a) && !_bToA.ContainsKey(b)) return true;
        if (_aToB.TryGetValue(a, out var mapped)) return mapped == b;
        if (_bToA.TryGetValue(b, out var back)) return back == a;
        return null;
    }

    public IReadOnlyList<(string A, string B)> Pairs => _aToB.Select(p => (p.Key, p.Value)).ToList();
}
