using System.Globalization;
using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Planning;

/// <summary>Budgets as text: <c>20/10m</c>, and on the command line <c>create=20/10m</c> (role or operationId).</summary>
public static class BudgetText
{
    public static Throttling Parse(string text, string what)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests) && requests > 0
            && Throttling.ParseWindow(parts[1]) is { } window)
            return new Throttling(requests, window);
        throw new ArgumentException($"{what} '{text}' is not N/window (like 20/10m or 5/3s)");
    }

    /// <summary>Reads <c>op=N/window</c>; op is list, create, get, update or an operationId of the contract.</summary>
    public static (string OperationId, Throttling Budget) ParseOverride(ContractDocument contract, string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0) throw new ArgumentException($"--budget '{text}' is not op=N/window (like create=20/10m)");
        return (OperationId(contract, text[..equals].Trim()), Parse(text[(equals + 1)..], $"--budget {text[..equals].Trim()}"));
    }

    public static string OperationId(ContractDocument contract, string name)
    {
        var byRole = name.ToLowerInvariant() switch
        {
            "list" => OperationRole.List,
            "create" => OperationRole.Create,
            "get" or "read" => OperationRole.Read,
            "update" => OperationRole.Update,
            _ => (OperationRole?)null,
        };
        if (byRole is { } role) return contract.Operation(role).OperationId;
        return contract.AllOperations.FirstOrDefault(o => o.OperationId == name)?.OperationId
               ?? throw new ArgumentException($"budget operation '{name}' is none of list, create, get, update, {string.Join(", ", contract.AllOperations.Select(o => o.OperationId))}");
    }

    public static string Format(Throttling t) => $"{t.Requests}/{Checks.Durations.Normalised(t.Window)}";
}
