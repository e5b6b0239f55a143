using System.Text;
using TwoFactorContracts.Contract;
using TwoFactorContracts.MockServer.Input;
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

    public DocumentedRequests(ExampleCatalog catalog, XmlApplicationReader xmlReader, int createStatus)
    {
        foreach (var (operation, examples) in catalog.Operations)
        {
            foreach (var example in examples.RequestExamples)
            {
                var body = Encoding.UTF8.GetBytes(example.Text);
                var read = example.Format == BodyFormat.Xml
                    ? xmlReader.TryRead(body, out var parsed, out _)
                    : JsonApplicationReader.TryRead(body, out parsed, out _);
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

    /// <summary>A text equal for requests that mean the same; null when the body has type errors.</summary>
    internal static string? KeyOf(ParsedApplication parsed)
    {
        if (parsed.Violations.Count > 0) return null;
        var request = parsed.Request;
        var key = new StringBuilder();
        key.Append(request.Name is null ? "\0" : request.Name).Append('\u001f');
        key.Append(request.EnabledPresent ? (request.Enabled ? "true" : "false") : "-").Append('\u001f');
        var configuration = request.Configuration;
        if (configuration is null)
        {
            key.Append('-');
            return key.ToString();
        }
        var present = configuration.Present;
        Append(key, present, Contract.ConfigurationFields.PinAttempts, configuration.PinAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(key, present, Contract.ConfigurationFields.AllowMultiplePinVerifications, configuration.AllowMultiplePinVerifications ? "true" : "false");
        Append(key, present, Contract.ConfigurationFields.PinTimeToLive, NormalTime(configuration.PinTimeToLive));
        Append(key, present, Contract.ConfigurationFields.VerifyPinLimit, NormalLimit(configuration.VerifyPinLimit));
        Append(key, present, Contract.ConfigurationFields.SendPinPerApplicationLimit, NormalLimit(configuration.SendPinPerApplicationLimit));
        Append(key, present, Contract.ConfigurationFields.SendPinPerPhoneNumberLimit, NormalLimit(configuration.SendPinPerPhoneNumberLimit));
        return key.ToString();
    }

    private static void Append(StringBuilder key, Contract.ConfigurationFields present, Contract.ConfigurationFields field, string value) =>
        key.Append((present & field) != 0 ? value : "-").Append('\u001f');

    private static string NormalTime(string text) => Duration.TryParse(text, out var ms) ? Duration.Format(ms) : text;

    private static string NormalLimit(string text) =>
        Limit.TryParse(text, out var attempts, out var interval) ? Limit.Format(attempts, interval) : text;
}
