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
    private readonly string? _applicationParameter;

    /// <param name="operations">Every operation of the contract: its operationId, method and path template.</param>
    /// <param name="applicationParameter">The path parameter that names an application (the application item path's).</param>
    public Router(IReadOnlyList<(string OperationId, string Method, string PathTemplate)> operations, string? applicationParameter)
    {
        _table = new RouteTable(operations);
        _operations = [.. operations.Select(o => Operation.Of(o.OperationId))];
        _applicationParameter = applicationParameter;
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
        string? applicationId = null;
        if (_applicationParameter is not null && match.TryGetParameter(_applicationParameter, out var application)) applicationId = application;
        var last = match.ParameterCount - 1;
        var itemId = last >= 0 && match.ParameterNames[last] != _applicationParameter ? match[last] : null;
        route = new Route(_operations[match.OperationIndex], applicationId, itemId);
        return true;
    }
}
