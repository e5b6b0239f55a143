using System.Text.RegularExpressions;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>Where a request lands in the contract: its operation, or only its path (a method the path does not take), or nowhere.</summary>
public sealed record RouteMatch(ContractOperation? Operation, IReadOnlyList<ContractOperation> PathOperations, IReadOnlyDictionary<string, string> PathValues)
{
    public static readonly RouteMatch None = new(null, [], new Dictionary<string, string>());

    /// <summary>The path is none of the contract's.</summary>
    public bool NotInContract => PathOperations.Count == 0;
}

/// <summary>The contract's paths as routes: a literal segment matches itself, a <c>{parameter}</c> any one non-empty segment.</summary>
public sealed class ContractRoutes
{
    private readonly IReadOnlyList<(Regex Pattern, IReadOnlyList<ContractOperation> Operations)> _paths;

    public ContractRoutes(ContractDocument contract)
    {
        _paths = contract.AllOperations
            .GroupBy(o => o.PathTemplate)
            // Literal segments win over parameters (/2fa/2/pin/voice before /2fa/2/pin/{pinId}).
            .OrderByDescending(g => g.Key.Split('/').Count(s => !s.StartsWith('{')))
            .Select(g => (Pattern(g.Key), (IReadOnlyList<ContractOperation>)g.ToList()))
            .ToList();
    }

    private static Regex Pattern(string template) =>
        new("^" + string.Join("/", template.Split('/').Select(segment =>
                segment.StartsWith('{') && segment.EndsWith('}') ? $"(?<{segment[1..^1]}>[^/]+)" : Regex.Escape(segment))) + "$",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public RouteMatch Match(string method, string path)
    {
        foreach (var (pattern, operations) in _paths)
        {
            var match = pattern.Match(path);
            if (!match.Success) continue;
            var values = match.Groups.Cast<Group>().Where(g => g.Success && !int.TryParse(g.Name, out _))
                .ToDictionary(g => g.Name, g => Uri.UnescapeDataString(g.Value));
            return new RouteMatch(operations.FirstOrDefault(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase)), operations, values);
        }
        return RouteMatch.None;
    }
}
