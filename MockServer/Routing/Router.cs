using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>Maps method and path to an operation; a hand-written match, no regex or route table per request.</summary>
public static class Router
{
    public const string CollectionPath = "/2fa/2/applications";

    public static bool TryMatch(string method, string path, out Route route, out RoutingError? error)
    {
        route = default;
        error = null;
        if (!path.StartsWith(CollectionPath, StringComparison.Ordinal))
            return FlowRoutes.TryMatchPin(method, path, out route, out error);

        var rest = path.AsSpan(CollectionPath.Length);
        // The seed's list example uses a trailing slash: /2fa/2/applications/
        if (rest.IsEmpty || rest is "/")
        {
            if (IsMethod(method, "GET")) { route = new(Operation.ListApplications, null); return true; }
            if (IsMethod(method, "POST")) { route = new(Operation.CreateApplication, null); return true; }
            error = RoutingError.CollectionMethodNotAllowed;
            return false;
        }

        if (rest[0] != '/')
        {
            error = RoutingError.NotFound;
            return false;
        }

        var id = rest[1..];
        if (id.Length > 1 && id[^1] == '/') id = id[..^1];
        if (id.IsEmpty) { error = RoutingError.NotFound; return false; }
        // Paths under an application (templates, verifications) come after the application's own paths.
        if (id.Contains('/')) return FlowRoutes.TryMatchApplicationChild(method, rest[1..], out route, out error);

        var operation = IsMethod(method, "GET") ? Operation.GetApplication
            : IsMethod(method, "PUT") ? Operation.UpdateApplication
            : (Operation?)null;
        if (operation is null)
        {
            error = RoutingError.ItemMethodNotAllowed;
            return false;
        }

        route = new(operation.Value, id.Length == path.Length - CollectionPath.Length - 1 ? path[(CollectionPath.Length + 1)..] : id.ToString());
        return true;
    }

    private static bool IsMethod(string method, string expected) =>
        string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}
