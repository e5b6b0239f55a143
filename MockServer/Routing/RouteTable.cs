using System.Diagnostics.CodeAnalysis;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>
/// Why a trie: a request's path is walked segment by segment once, each literal segment compared by span with the
/// few literals at its level (no substring, no regex, no hashing: a contract's paths branch a handful of ways at
/// most), so a match costs the same however many operations the contract has and allocates only the parameter
/// values it returns; literals are tried before a parameter at each level,
/// and a dead end backtracks to the parameter (<c>/pin/voice/verify</c> is verifyPin of pinId <c>voice</c>).
/// Why built once: the contract does not change while the server runs, so the trie, each path's methods and its
/// 405 (text and <c>Allow</c> header) are all made at start; an operation added to the contract is routed with no
/// code, and a template the table cannot route (ambiguous, a parameter inside a segment) fails the start.
/// <para>
/// Matching: the path's trailing slash is optional (<c>/2fa/2/applications/</c>, <c>/2fa/2/pin/</c>), an empty
/// segment inside it (<c>//</c>) is a 404, segments compare ordinally and methods ignoring case. The path decides
/// first (the most literal template that takes the whole path, as OpenAPI orders concrete before templated), then
/// the method: a method that path lacks is a 405 whose <c>Allow</c> lists the path's methods in the usual order
/// (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE, then any other alphabetically).
/// </para>
/// </summary>
public sealed class RouteTable
{
    private static readonly string[] MethodOrder = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"];

    private readonly Node _root;
    private readonly string[] _operationIds;
    private readonly string[] _methods;
    private readonly string[] _pathTemplates;
    private readonly string[][] _parameterNames;

    /// <summary>The most segments any template has: a longer path is a 404 before any lookup.</summary>
    private readonly int _maxSegments;

    /// <summary>
    /// Builds the table from <paramref name="operations"/>; each is identified by its index in that list.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An operationId or a method and path is repeated, two templates differ only in parameter names, or a
    /// template is not routable (does not start with '/', has an empty segment, a parameter sharing its segment).
    /// </exception>
    public RouteTable(IReadOnlyList<(string OperationId, string Method, string PathTemplate)> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        _operationIds = new string[operations.Count];
        _methods = new string[operations.Count];
        _pathTemplates = new string[operations.Count];
        _parameterNames = new string[operations.Count][];

        var root = new Builder();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < operations.Count; index++)
        {
            var (operationId, method, template) = operations[index];
            if (string.IsNullOrEmpty(operationId)) throw new ArgumentException($"Operation {index} has no operationId.", nameof(operations));
            if (string.IsNullOrEmpty(method)) throw new ArgumentException($"{operationId} has no method.", nameof(operations));
            if (!ids.Add(operationId)) throw new ArgumentException($"The operationId '{operationId}' is repeated.", nameof(operations));

            var segments = ParseTemplate(operationId, template);
            _maxSegments = Math.Max(_maxSegments, segments.Length);
            var node = root;
            foreach (var segment in segments)
                node = segment.IsParameter
                    ? node.Parameter ??= new Builder()
                    : node.Literals.TryGetValue(segment.Text, out var child) ? child : node.Literals[segment.Text] = new Builder();

            var names = segments.Where(s => s.IsParameter).Select(s => s.Text).ToArray();
            var positions = segments.Select((s, i) => (s, i)).Where(p => p.s.IsParameter).Select(p => p.i).ToArray();
            node.Endpoint ??= new EndpointBuilder(template, names, positions);
            var endpoint = node.Endpoint;
            if (!endpoint.Names.SequenceEqual(names, StringComparer.Ordinal))
                throw new ArgumentException(
                    $"{template} ({operationId}) and {endpoint.Template} are the same path with other parameter names.", nameof(operations));
            // Interned: the methods a server hands over (Kestrel's "GET", "PUT") are literals, so a match is one reference compare.
            var upper = string.Intern(method.ToUpperInvariant());
            if (endpoint.Methods.Any(m => m.Method == upper))
                throw new ArgumentException($"{upper} {template} is declared twice ({operationId}).", nameof(operations));
            endpoint.Methods.Add((upper, index));

            _operationIds[index] = operationId;
            _methods[index] = upper;
            _pathTemplates[index] = template;
            _parameterNames[index] = names;
        }
        _root = root.Freeze(_operationIds);
    }

    /// <summary>The table of every operation of <paramref name="contract"/> (<see cref="ContractDocument.AllOperations"/>, in its order).</summary>
    public static RouteTable From(ContractDocument contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new RouteTable(contract.AllOperations.Select(o => (o.OperationId, o.Method, o.PathTemplate)).ToList());
    }

    /// <summary>How many operations the table routes (indexes 0 to Count - 1).</summary>
    public int Count => _operationIds.Length;

    /// <summary>The operationIds by index.</summary>
    public IReadOnlyList<string> OperationIds => _operationIds;

    public string OperationIdOf(int index) => _operationIds[index];

    /// <summary>The operation's method, upper case.</summary>
    public string MethodOf(int index) => _methods[index];

    public string PathTemplateOf(int index) => _pathTemplates[index];

    /// <summary>The operation's path parameter names in path order (what <see cref="RouteMatch"/>'s positions are).</summary>
    public IReadOnlyList<string> ParameterNamesOf(int index) => _parameterNames[index];

    /// <summary>The index of the operation with <paramref name="operationId"/>, or -1.</summary>
    public int IndexOf(string operationId) => Array.IndexOf(_operationIds, operationId);

    /// <summary>
    /// The operation <paramref name="method"/> and <paramref name="path"/> (no query) name. False with a 404 when
    /// no template takes the path, a 405 (cached per path, with <c>Allow</c>) when the path's methods lack this one.
    /// </summary>
    public bool TryMatch(string method, string path, out RouteMatch match, [NotNullWhen(false)] out RoutingError? error)
    {
        match = default;
        error = RoutingError.NotFound;
        if (string.IsNullOrEmpty(path) || path[0] != '/') return false;

        // The segments after the leading slash, one trailing slash dropped ("//" is one empty segment, a 404);
        // more segments than any template has is a 404 too.
        Span<Range> segments = stackalloc Range[_maxSegments];
        var count = 0;
        if (path.Length > 1)
        {
            var end = path[^1] == '/' ? path.Length - 1 : path.Length;
            var start = 1;
            while (true)
            {
                var slash = path.AsSpan(start, end - start).IndexOf('/');
                var stop = slash < 0 ? end : start + slash;
                if (stop == start || count == segments.Length) return false;
                segments[count++] = new Range(start, stop);
                if (slash < 0) break;
                start = stop + 1;
            }
        }

        if (Find(_root, path, segments[..count], 0) is not { } endpoint) return false;
        var index = endpoint.IndexOf(method);
        if (index < 0)
        {
            error = endpoint.NotAllowed;
            return false;
        }

        var positions = endpoint.Positions;
        string[]? more = null;
        if (positions.Length > 3)
        {
            more = new string[positions.Length - 3];
            for (var i = 3; i < positions.Length; i++) more[i - 3] = path[segments[positions[i]]];
        }
        match = new RouteMatch(index, _operationIds[index], endpoint.Template, endpoint.Names,
            positions.Length > 0 ? path[segments[positions[0]]] : null,
            positions.Length > 1 ? path[segments[positions[1]]] : null,
            positions.Length > 2 ? path[segments[positions[2]]] : null,
            more);
        error = null;
        return true;
    }

    /// <summary>The endpoint taking <paramref name="segments"/> from <paramref name="depth"/> on: a literal child first, then (backtracking) the parameter.</summary>
    private static Endpoint? Find(Node node, string path, ReadOnlySpan<Range> segments, int depth)
    {
        if (depth == segments.Length) return node.Endpoint;
        var segment = path.AsSpan()[segments[depth]];
        foreach (var (text, literal) in node.Literals)
            if (segment.SequenceEqual(text))
                return Find(literal, path, segments, depth + 1) ?? FindParameter(node, path, segments, depth);
        return FindParameter(node, path, segments, depth);
    }

    private static Endpoint? FindParameter(Node node, string path, ReadOnlySpan<Range> segments, int depth) =>
        node.Parameter is { } parameter ? Find(parameter, path, segments, depth + 1) : null;

    private readonly record struct Segment(string Text, bool IsParameter);

    private static Segment[] ParseTemplate(string operationId, string template)
    {
        if (string.IsNullOrEmpty(template) || template[0] != '/')
            throw new ArgumentException($"The path of {operationId} ('{template}') does not start with '/'.", "operations");
        var body = template.Length > 1 && template[^1] == '/' ? template[1..^1] : template[1..];
        if (body.Length == 0) return [];
        return body.Split('/').Select(text =>
        {
            if (text.Length == 0) throw new ArgumentException($"{template} ({operationId}) has an empty segment.", "operations");
            var open = text.IndexOf('{');
            var close = text.IndexOf('}');
            if (open < 0 && close < 0) return new Segment(text, false);
            if (open == 0 && close == text.Length - 1 && text.Length > 2 && text.IndexOf('{', 1) < 0)
                return new Segment(text[1..^1], true);
            throw new ArgumentException(
                $"{template} ({operationId}): a path parameter must be a whole segment ('{text}' is not).", "operations");
        }).ToArray();
    }

    private sealed class Node((string Text, Node Child)[] literals, Node? parameter, Endpoint? endpoint)
    {
        public readonly (string Text, Node Child)[] Literals = literals;
        public readonly Node? Parameter = parameter;
        public readonly Endpoint? Endpoint = endpoint;
    }

    /// <summary>A path template: its parameters, its methods with their operations, and its 405.</summary>
    private sealed class Endpoint(string template, string[] names, int[] positions, (string Method, int Index)[] methods)
    {
        public readonly string Template = template;
        public readonly string[] Names = names;
        /// <summary>The segment of each parameter, in path order.</summary>
        public readonly int[] Positions = positions;
        private readonly (string Method, int Index)[] _methods = methods;
        public readonly RoutingError NotAllowed = RoutingError.MethodNotAllowed(methods.Select(m => m.Method).ToList());

        public int IndexOf(string method)
        {
            foreach (var (name, index) in _methods)
                if (ReferenceEquals(name, method)) return index;
            foreach (var (name, index) in _methods)
                if (string.Equals(name, method, StringComparison.OrdinalIgnoreCase)) return index;
            return -1;
        }
    }

    private sealed class Builder
    {
        public readonly Dictionary<string, Builder> Literals = new(StringComparer.Ordinal);
        public Builder? Parameter;
        public EndpointBuilder? Endpoint;

        public Node Freeze(string[] operationIds) => new(
            [.. Literals.Select(l => (l.Key, l.Value.Freeze(operationIds)))],
            Parameter?.Freeze(operationIds),
            Endpoint is { } e
                ? new Endpoint(e.Template, e.Names, e.Positions, [.. e.Methods.OrderBy(m => Rank(m.Method)).ThenBy(m => m.Method, StringComparer.Ordinal)])
                : null);

        private static int Rank(string method) => Array.IndexOf(MethodOrder, method) is var i and >= 0 ? i : MethodOrder.Length;
    }

    private sealed record EndpointBuilder(string Template, string[] Names, int[] Positions)
    {
        public readonly List<(string Method, int Index)> Methods = [];
    }
}
