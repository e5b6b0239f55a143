using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// A header condition. <see cref="Pattern"/> is a regular expression the whole value must match (written
/// anchored, so .NET and Java read it alike). <see cref="Rejects"/>: the header must be absent or not match.
/// </summary>
public sealed record HeaderRule(string Name, string Pattern, bool Rejects = false)
{
    private const string AnyValue = "^.*$";

    /// <summary>The header must not be sent at all.</summary>
    public static HeaderRule Absent(string name) => new(name, AnyValue, Rejects: true);

    public bool RequiresAbsence => Rejects && Pattern == AnyValue;
}

/// <summary>A field below the body's root (JSON property names, XML element names) and the value it must have.</summary>
public sealed record BodyField(IReadOnlyList<string> Path, JsonValue Value)
{
    /// <summary>The value as the XML text of the element (JSON's true is XML's "true").</summary>
    public string Text => Value.GetValueKind() == System.Text.Json.JsonValueKind.String ? Value.GetValue<string>() : Value.ToJsonString();
}

/// <summary>
/// What a request body must hold to be a documented request example: these fields with these values, and
/// none of the <see cref="Absent"/> fields (e.g. <c>missingName</c> is a body without <c>name</c>).
/// </summary>
public sealed record BodyRules(BodyFormat Format, IReadOnlyList<BodyField> Equal, IReadOnlyList<IReadOnlyList<string>> Absent)
{
    public int Count => Equal.Count + Absent.Count;
}

/// <summary>
/// One documented case as a WireMock stub, independent of the mapping file format it is written in: the
/// request that is this case (method, path, headers, body) and the documented answer: the contract's example
/// itself (its status, media type and text). Exactly one of <see cref="ExactPath"/> and <see cref="PathPattern"/> is set.
/// </summary>
public sealed record CaseMapping(
    Guid Id,
    string Title,
    string Description,
    string FileStem,
    int Priority,
    string Method,
    string? ExactPath,
    string? PathPattern,
    IReadOnlyList<HeaderRule> Headers,
    BodyRules? Body,
    ExampleBody Answer)
{
    public int Status => Answer.Status ?? throw new InvalidOperationException($"{Title} answers with a request example.");

    public string ContentType => MediaTypes.ContentTypeOf(Answer.Format == BodyFormat.Xml ? MediaType.Xml : MediaType.Json);

    /// <summary>True for the stubs that answer the Prefer header (the only ones stateful mode loads).</summary>
    public bool AnswersPrefer { get; init; }

    /// <summary>Query parameters the request must carry with exactly these values (<c>ncNeeded=false</c>); none when empty.</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
}
