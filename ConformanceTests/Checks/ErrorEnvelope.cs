using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The API's error envelope, <c>requestError.serviceException.{messageId,text}</c>: the one reader of it, for the
/// documented examples (what an answer must carry) and for the answers (what it carries). XML is read as JSON through
/// the contract's xml names first (<see cref="CheckContext.Values"/>, <see cref="ContractSchema.XmlToJson"/>), so
/// both media types reach the same fields here.
/// </summary>
public static class ErrorEnvelope
{
    private const string Path = "requestError.serviceException";

    private static JsonObject? ServiceException(JsonNode? envelope) => JsonRead.Object(envelope, "requestError", "serviceException");

    /// <summary>The messageId and text of an envelope, or null when the node is none (no string messageId).</summary>
    public static ExpectedError? Of(JsonNode? envelope)
    {
        var error = ServiceException(envelope);
        return JsonRead.String(error, "messageId") is { } id ? new ExpectedError(id, JsonRead.String(error, "text")) : null;
    }

    /// <summary>The error a JSON example documents, or null when the text is no envelope (or missing).</summary>
    public static ExpectedError? Of(ExampleBody? jsonExample) => Of(JsonRead.TryParse(jsonExample?.Text));

    /// <summary>
    /// The documented error of that status, from the operation's JSON examples; when several are documented (404 for
    /// the application or the template), the one whose text or name contains <paramref name="hint"/>. Null when none.
    /// </summary>
    public static ExpectedError? Find(ContractOperation operation, int status, string? hint = null)
    {
        var examples = operation.Responses.Where(r => r.Status == status).SelectMany(r => r.Examples)
            .Where(e => e.Format == BodyFormat.Json);
        return Of(hint is null ? examples.FirstOrDefault()
            : examples.FirstOrDefault(e => e.Text.Contains(hint, StringComparison.OrdinalIgnoreCase) || e.Name.Contains(hint, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary><see cref="Find"/> for an error the contract must document (a scenario is built on it).</summary>
    public static ExpectedError Documented(ContractOperation operation, int status, string? hint = null) =>
        Find(operation, status, hint)
        ?? throw new InvalidDataException($"{operation.OperationId} documents no {status} error{(hint is null ? "" : $" about '{hint}'")}.");

    /// <summary>The messageId every documented JSON error of that status carries, when they agree on one.</summary>
    public static string? AgreedMessageId(ContractOperation operation, int status)
    {
        var ids = operation.Responses.Where(r => r.Status == status).SelectMany(r => r.Examples)
            .Where(e => e.Format == BodyFormat.Json)
            .Select(e => Of(e)?.MessageId)
            .Distinct()
            .ToList();
        return ids.Count == 1 ? ids[0] : null;
    }

    /// <summary>A field (messageId, text) of the envelope the answer carries, whatever kind of body it is; or why there is none.</summary>
    public static bool TryRead(CheckContext c, string field, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? problem)
    {
        value = null;
        var (node, unreadable) = c.Values;
        var error = ServiceException(node);
        problem = node is null ? unreadable ?? "the body holds no value"
            : node is not JsonObject ? $"the body is {JsonRead.Kind(node)}, not the error envelope (an object with {Path}.{field})"
            : error is null ? $"the answer has no {Path}.{field}"
            : (value = JsonRead.String(error, field)) is not null ? null
            : error.ContainsKey(field) ? $"{Path}.{field} is {JsonRead.Kind(error[field])}, not a string"
            : $"the answer has no {Path}.{field}";
        return value is not null;
    }
}
