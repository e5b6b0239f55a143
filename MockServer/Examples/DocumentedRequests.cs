using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Input;
using TwoFactorContracts.MockServer.Model;
using TwoFactorContracts.MockServer.Negotiation;
using TwoFactorContracts.MockServer.Pipeline;
using TwoFactorContracts.MockServer.Routing;
using TwoFactorContracts.MockServer.Validation;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// Examples mode: a request equal to a documented request example (compared semantically: field by field,
/// times by the duration they denote, either media type) or to a documented path id gets the response
/// example of the same name. A body example names the case before the path id does (update/notFound sends
/// the basic body to the notFound id, as the contract describes). Other requests go on to validation and
/// the operation's default answer.
/// </summary>
public sealed class DocumentedRequests
{
    private readonly Dictionary<(Operation, string), string> _bodyCases = [];
    private readonly Dictionary<(Operation, string), string> _pathCases = [];
    private readonly Dictionary<(Operation, string), DocumentedAnswer> _answers = [];

    public DocumentedRequests(ExampleCatalog catalog, ApplicationModel model, XmlApplicationReader xmlReader, int createStatus)
    {
        foreach (var (operation, examples) in catalog.Operations)
        {
            foreach (var example in examples.RequestExamples)
            {
                var body = Encoding.UTF8.GetBytes(example.Text);
                var read = example.Format == BodyFormat.Xml
                    ? xmlReader.TryRead(body, out var parsed, out _)
                    : JsonApplicationReader.TryRead(model, body, out parsed, out _);
                if (read && KeyOf(parsed) is { } key) _bodyCases.TryAdd((operation, key), example.Name);
            }
            foreach (var (name, id) in examples.PathExamples) _pathCases.TryAdd((operation, id), name);
            foreach (var name in examples.Answers.Select(a => a.Name).Distinct())
            {
                _answers[(operation, name)] = examples.Answers.Where(a => a.Name == name)
                    .OrderBy(a => a.Status == createStatus ? 0 : 1).ThenBy(a => a.Status).First();
            }
        }
    }

    public bool TryAnswer(Operation operation, ParsedApplication? body, string? applicationId, MediaType type, out ApiResponse response)
    {
        response = default;
        string? caseName = null;
        if (body is not null)
        {
            // A body-carrying operation is documented only when its body is.
            if (KeyOf(body) is not { } key || !_bodyCases.TryGetValue((operation, key), out caseName)) return false;
        }
        if (applicationId is not null && _pathCases.TryGetValue((operation, applicationId), out var pathCase)
            && (caseName is null || caseName == ExampleCatalog.DefaultExample))
            caseName = pathCase;
        if (caseName is null || !_answers.TryGetValue((operation, caseName), out var answer)) return false;
        var bytes = answer.BodyIn(type);
        if (bytes is null) return false;
        response = new ApiResponse(answer.Status, type, bytes);
        return true;
    }

    /// <summary>A text equal for requests that mean the same (field by field, times and limits by what they denote); null when the body has type errors.</summary>
    internal static string? KeyOf(ParsedApplication parsed)
    {
        if (parsed.Violations.Count > 0) return null;
        var key = new StringBuilder();
        foreach (var field in parsed.Model.Fields)
        {
            if (!field.Contract.InRequest) continue;
            var value = parsed[field];
            key.Append(!value.Present ? "\0" : field.Kind switch
            {
                FieldKind.Object => "{",
                FieldKind.Int32 => value.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FieldKind.Boolean => value.Number != 0 ? "true" : "false",
                FieldKind.Time => value.Text is null ? Duration.Format(value.Number) : NormalTime(value.Text),
                FieldKind.Limit => value.Text is null ? Limit.Format(value.Number, value.Interval) : NormalLimit(value.Text),
                _ => value.Text,
            }).Append('\u001f');
        }
        return key.ToString();
    }

    private static string NormalTime(string text) => Duration.TryParse(text, out var ms) ? Duration.Format(ms) : text;

    private static string NormalLimit(string text) =>
        Limit.TryParse(text, out var attempts, out var interval) ? Limit.Format(attempts, interval) : text;
}
