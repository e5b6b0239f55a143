using System.Diagnostics.CodeAnalysis;
using TwoFactorContracts.MockServer.Core;
using TwoFactorContracts.MockServer.Negotiation;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// The Prism-style <c>Prefer</c> header (<c>code=404</c>, <c>example=missingName</c>, or both) is answered by
/// the contract's Prefer stubs in WireMock (<see cref="CaseMappings"/>). A request reaches this stage only when
/// none of them matched: it says why, in the API's envelope: the code or example is not documented, the example
/// has no body in the negotiated type (406), or the stub was changed or removed through the admin API.
/// A Prefer with neither key asks for nothing: the request goes on.
/// </summary>
public sealed class PreferCheck
{
    private readonly HashSet<(Operation, int)> _codes = [];
    private readonly HashSet<(Operation, string)> _names = [];
    private readonly Dictionary<(Operation, int, string), DocumentedAnswer> _byCodeAndName = [];
    private readonly Dictionary<(Operation, string), DocumentedAnswer> _byName = [];
    private readonly Dictionary<(Operation, int), DocumentedAnswer> _byCode = [];
    private readonly Dictionary<Operation, string> _codesText = [];
    private readonly Dictionary<Operation, string> _namesText = [];
    private readonly Dictionary<(Operation, int), string> _namesOfCodeText = [];

    public PreferCheck(ExampleCatalog catalog)
    {
        foreach (var (operation, answers) in catalog.Answers)
        {
            foreach (var answer in answers)
            {
                _codes.Add((operation, answer.Status));
                _names.Add((operation, answer.Name));
                _byCodeAndName[(operation, answer.Status, answer.Name)] = answer;
                _byName.TryAdd((operation, answer.Name), answer);
                _byCode.TryAdd((operation, answer.Status), answer);
            }
            _codesText[operation] = string.Join(", ", answers.Select(a => a.Status).Distinct());
            _namesText[operation] = string.Join(", ", answers.Select(a => a.Name).Distinct());
            foreach (var group in answers.GroupBy(a => a.Status))
                _namesOfCodeText[(operation, group.Key)] = string.Join(", ", group.Select(a => a.Name));
        }
    }

    /// <summary>False when the header asks for no example (no code, no example key): the request goes on.</summary>
    public bool TryExplain(Operation operation, string prefer, MediaType type, [NotNullWhen(true)] out StageError? error)
    {
        if (!TryFind(operation, prefer, out var answer, out error)) return false;
        error ??= answer!.In(type) is null ? NegotiationError.NotAcceptable : PreferError.NoStub(prefer, operation.Id);
        return true;
    }

    /// <summary>
    /// With no stubs in front of the pipeline (the in-process handler): the documented answer the header asks for, in
    /// <paramref name="type"/>, as the contract's Prefer stub would answer it; or why not (<paramref name="error"/>: the code
    /// or example is not documented, or the example has no body in <paramref name="type"/>, 406). False when the header
    /// asks for no example: the request goes on.
    /// </summary>
    public bool TryAnswer(Operation operation, string prefer, MediaType type, out DocumentedAnswer? answer, out StageError? error)
    {
        if (!TryFind(operation, prefer, out answer, out error)) return false;
        if (answer is not null && answer.In(type) is null)
        {
            answer = null;
            error = NegotiationError.NotAcceptable;
        }
        return true;
    }

    /// <summary>The documented answer the header names, or (<paramref name="answer"/> null) the error naming what is documented.</summary>
    private bool TryFind(Operation operation, string prefer, out DocumentedAnswer? answer, out StageError? error)
    {
        answer = null;
        error = null;
        if (!TryParse(prefer, out var codeText, out var name)) return false;

        var id = operation.Id;
        int code = 0;
        if (codeText is not null
            && (!int.TryParse(codeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code)
                || !_codes.Contains((operation, code))))
        {
            error = PreferError.UnknownCode(codeText, id, _codesText[operation]);
            return true;
        }
        if (name is not null && !_names.Contains((operation, name)))
        {
            error = PreferError.UnknownExample(name, id, _namesText[operation]);
            return true;
        }
        if (codeText is not null && name is not null)
        {
            if (!_byCodeAndName.TryGetValue((operation, code, name), out answer))
                error = PreferError.UnknownExampleForCode(name, id, code, _namesOfCodeText[(operation, code)]);
            return true;
        }
        answer = name is not null ? _byName[(operation, name)] : _byCode[(operation, code)];
        return true;
    }

    /// <summary>Reads <c>code=…</c> and <c>example=…</c> from a Prefer header (comma-separated preferences).</summary>
    internal static bool TryParse(string prefer, out string? code, out string? example)
    {
        code = example = null;
        foreach (var part in prefer.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) continue;
            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim().Trim('"');
            if (key.Equals("code", StringComparison.OrdinalIgnoreCase)) code = value;
            else if (key.Equals("example", StringComparison.OrdinalIgnoreCase)) example = value;
        }
        return code is not null || example is not null;
    }
}
