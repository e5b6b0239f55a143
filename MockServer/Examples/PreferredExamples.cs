using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Responses;
using TwoFactorContracts.MockServer.Routing;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// Answers the Prism-style <c>Prefer</c> header: <c>code=404</c>, <c>example=missingName</c> or both
/// (<c>code=400, example=invalidLimit</c>), with the documented example in the negotiated media type.
/// Every lookup is a dictionary precomputed at startup. A Prefer with neither key is ignored.
/// </summary>
public sealed class PreferredExamples
{
    private readonly ResponseRenderer _renderer;
    private readonly Dictionary<(Operation, int), DocumentedAnswer> _byCode = [];
    private readonly Dictionary<(Operation, string), DocumentedAnswer> _byName = [];
    private readonly Dictionary<(Operation, int, string), DocumentedAnswer> _byCodeAndName = [];
    private readonly Dictionary<Operation, string> _codesText = [];
    private readonly Dictionary<Operation, string> _namesText = [];
    private readonly Dictionary<(Operation, int), string> _namesOfCodeText = [];

    public PreferredExamples(ExampleCatalog catalog, ResponseRenderer renderer, int createStatus)
    {
        _renderer = renderer;
        foreach (var (operation, examples) in catalog.Operations)
        {
            foreach (var answer in examples.Answers)
            {
                _byCode.TryAdd((operation, answer.Status), answer);
                _byCodeAndName[(operation, answer.Status, answer.Name)] = answer;
            }
            foreach (var name in examples.Answers.Select(a => a.Name).Distinct())
            {
                // A name documented under several statuses (create's basic: 200 and 201) answers with the configured one.
                _byName[(operation, name)] = examples.Answers.Where(a => a.Name == name)
                    .OrderBy(a => a.Status == createStatus ? 0 : 1).ThenBy(a => a.Status).First();
            }
            _codesText[operation] = string.Join(", ", examples.Answers.Select(a => a.Status).Distinct());
            _namesText[operation] = string.Join(", ", examples.Answers.Select(a => a.Name).Distinct());
            foreach (var group in examples.Answers.GroupBy(a => a.Status))
                _namesOfCodeText[(operation, group.Key)] = string.Join(", ", group.Select(a => a.Name));
        }
    }

    /// <summary>False when the header asks for no example (no code, no example key): the request goes on.</summary>
    public bool TryAnswer(Operation operation, string prefer, MediaType type, out ApiResponse response)
    {
        response = default;
        if (!TryParse(prefer, out var codeText, out var name)) return false;

        var id = Operations.IdOf(operation);
        int? code = null;
        if (codeText is not null)
        {
            if (!int.TryParse(codeText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                || !_byCode.ContainsKey((operation, parsed)))
            {
                response = Error(PreferError.UnknownCode(codeText, id, _codesText[operation]), type);
                return true;
            }
            code = parsed;
        }

        DocumentedAnswer? answer;
        if (code is not null && name is not null)
        {
            if (!_byCodeAndName.TryGetValue((operation, code.Value, name), out answer))
            {
                response = Error(PreferError.UnknownExampleForCode(name, id, code.Value, _namesOfCodeText[(operation, code.Value)]), type);
                return true;
            }
        }
        else if (name is not null)
        {
            if (!_byName.TryGetValue((operation, name), out answer))
            {
                response = Error(PreferError.UnknownExample(name, id, _namesText[operation]), type);
                return true;
            }
        }
        else
        {
            answer = _byCode[(operation, code!.Value)];
        }

        var body = answer.BodyIn(type);
        response = body is null
            ? _renderer.Error(NegotiationError.NotAcceptable, type)
            : new ApiResponse(answer.Status, type, body);
        return true;
    }

    private ApiResponse Error(PreferError error, MediaType type) => _renderer.Error(error, type);

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
