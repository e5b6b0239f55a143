using System.Diagnostics.CodeAnalysis;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>
/// The routing stage: method and path to an operation of the contract, over the table built once from the contract's
/// paths (<see cref="RouteTable"/>). The route names the application the path is under (its parameter is the
/// application item path's, e.g. <c>applicationId</c>) and the id of what the operation acts on below it (a template's,
/// a PIN's), whatever the operation.
/// </summary>
public sealed class Router
{
    private readonly RouteTable _table;
    private readonly Operation[] _operations;
    // Per operation, the positions of its application's parameter and of its item's (the last other one), or -1:
    // found once here, so a request compares no parameter names.
    private readonly (int Application, int Item)[] _positions;

    /// <param name="operations">Every operation of the contract: its operationId, method and path template.</param>
    /// <param name="applicationParameter">The path parameter that names an application (the application item path's).</param>
    public Router(IReadOnlyList<(string OperationId, string Method, string PathTemplate)> operations, string? applicationParameter)
    {
        _table = new RouteTable(operations);
        _operations = [.. operations.Select(o => Operation.Of(o.OperationId))];
        _positions = [.. Enumerable.Range(0, _table.Count).Select(i => PositionsOf(_table.ParameterNamesOf(i), applicationParameter))];
    }

    private static (int Application, int Item) PositionsOf(IReadOnlyList<string> names, string? applicationParameter)
    {
        var application = applicationParameter is null ? -1 : names.ToList().IndexOf(applicationParameter);
        var last = names.Count - 1;
        return (application, last >= 0 && last != application ? last : -1);
    }

    /// <summary>Every operation the contract routes.</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    public bool TryMatch(string method, string path, out Route route, [NotNullWhen(false)] out RoutingError? error)
    {
        if (!_table.TryMatch(method, path, out var match, out error))
        {
            route = default;
            return false;
        }
        var (application, item) = _positions[match.OperationIndex];
        route = new Route(_operations[match.OperationIndex], application < 0 ? null : match[application], item < 0 ? null : match[item]);
        return true;
    }
}
