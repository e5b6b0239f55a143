using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>The request's path or method names no operation of the contract.</summary>
public sealed class RoutingError : StageError
{
    private readonly KeyValuePair<string, string>? _header;

    private RoutingError(int status, string messageId, string text, KeyValuePair<string, string>? header = null)
        : base(status, messageId, text) => _header = header;

    public override KeyValuePair<string, string>? Header => _header;

    public static readonly RoutingError NotFound = new(404, "NOT_FOUND", "Not found");

    /// <summary>
    /// A 405 naming <paramref name="allowedMethods"/> in its text and its <c>Allow</c> header, in the order given
    /// (<see cref="RouteTable"/> builds one per path at start and reuses it, so its rendered bodies are cached too).
    /// </summary>
    public static RoutingError MethodNotAllowed(IReadOnlyList<string> allowedMethods)
    {
        ArgumentNullException.ThrowIfNull(allowedMethods);
        if (allowedMethods.Count == 0) throw new ArgumentException("A 405 names at least one allowed method.", nameof(allowedMethods));
        var allow = string.Join(", ", allowedMethods);
        return new(405, "METHOD_NOT_ALLOWED", "Method not allowed. Allowed methods: " + allow, new("Allow", allow));
    }
}
