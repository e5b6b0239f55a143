using System.Diagnostics.CodeAnalysis;

namespace TwoFactorContracts.MockServer.Routing;

/// <summary>
/// What <see cref="RouteTable.TryMatch"/> found: the operation (its index in the table's input list) and the path
/// parameter values, by position in the template (<c>/2fa/2/applications/{applicationId}/messages/{messageId}</c>:
/// 0 is the application's id, 1 the template's) or by the template's parameter name. The values are the path's
/// text as given (the server has percent-decoded it). A struct holding up to three values itself, so a match
/// allocates nothing but the values' strings; <c>default</c> (what a failed match leaves) has no parameters.
/// </summary>
public readonly struct RouteMatch
{
    private const int Inline = 3;

    private readonly string[]? _names;
    private readonly string? _value0;
    private readonly string? _value1;
    private readonly string? _value2;
    /// <summary>The values past the first <see cref="Inline"/> (none in today's contract).</summary>
    private readonly string[]? _more;

    internal RouteMatch(int operationIndex, string operationId, string pathTemplate, string[] names,
        string? value0, string? value1, string? value2, string[]? more)
    {
        OperationIndex = operationIndex;
        OperationId = operationId;
        PathTemplate = pathTemplate;
        _names = names;
        _value0 = value0;
        _value1 = value1;
        _value2 = value2;
        _more = more;
    }

    /// <summary>The operation's index in the list the <see cref="RouteTable"/> was built from.</summary>
    public int OperationIndex { get; }

    /// <summary>The operation's operationId (null only for <c>default</c>).</summary>
    public string? OperationId { get; }

    /// <summary>The matched path template, e.g. <c>/2fa/2/pin/{pinId}/verify</c> (null only for <c>default</c>).</summary>
    public string? PathTemplate { get; }

    /// <summary>How many path parameters the template has.</summary>
    public int ParameterCount => _names?.Length ?? 0;

    /// <summary>The template's parameter names, in path order.</summary>
    public IReadOnlyList<string> ParameterNames => _names ?? [];

    /// <summary>The value of the parameter at <paramref name="position"/> (0 is the leftmost in the path).</summary>
    public string this[int position]
    {
        get
        {
            if ((uint)position >= (uint)ParameterCount) throw new ArgumentOutOfRangeException(nameof(position));
            return position switch
            {
                0 => _value0!,
                1 => _value1!,
                2 => _value2!,
                _ => _more![position - Inline],
            };
        }
    }

    /// <summary>The value of the parameter named <paramref name="name"/> in the template (e.g. <c>pinId</c>).</summary>
    /// <exception cref="KeyNotFoundException">The matched template has no such parameter.</exception>
    public string this[string name] =>
        TryGetParameter(name, out var value)
            ? value
            : throw new KeyNotFoundException($"{PathTemplate ?? "No match"} has no path parameter '{name}'.");

    /// <summary>The value of the parameter named <paramref name="name"/>, when the matched template has one.</summary>
    public bool TryGetParameter(string name, [NotNullWhen(true)] out string? value)
    {
        var position = _names is null ? -1 : Array.IndexOf(_names, name);
        value = position < 0 ? null : this[position];
        return value is not null;
    }

    public override string ToString()
    {
        if (OperationId is null) return "(no match)";
        var self = this;
        return $"{OperationId} ({string.Join(", ", ParameterNames.Select((n, i) => $"{n}={self[i]}"))})";
    }
}
