using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace TwoFactorContracts.Contract;

/// <summary>One outcome of a send the contract documents: the statuses of a named 200 example (null: the example leaves it out).</summary>
public sealed record DocumentedOutcome(string Example, string? NcStatus, string? SmsStatus, string? CallStatus);

/// <summary>
/// The outcomes of a send the contract documents, read from its examples so a server or a suite never repeats them:
/// every <c>(ncStatus, smsStatus)</c> pair of <c>sendPinOverSms</c>'s 200 examples that looked the number up, every
/// <c>callStatus</c> of <c>sendPinOverVoice</c>'s, and the reserved test numbers (<c>info.x-test-recipients</c>: a
/// number and the SMS example whose outcome a send to it answers). <c>Sms</c> is in document order (the first is
/// the happy one, <c>basic</c>); <c>CallStatuses</c> too. Plain data, so the start-up cache holds it.
/// </summary>
public sealed record ContractSendOutcomes(
    IReadOnlyList<DocumentedOutcome> Sms,
    IReadOnlyList<string> CallStatuses,
    IReadOnlyDictionary<string, DocumentedOutcome> TestRecipients)
{
    public const string TestRecipientsExtension = "x-test-recipients";
    public const string SendSmsOperation = "sendPinOverSms";
    public const string SendVoiceOperation = "sendPinOverVoice";

    /// <summary>Every documented <c>ncStatus</c>, in document order.</summary>
    public IEnumerable<string> NcStatuses => Sms.Select(o => o.NcStatus!).Distinct();

    /// <summary>Every documented <c>smsStatus</c>, in document order.</summary>
    public IEnumerable<string> SmsStatuses => Sms.Select(o => o.SmsStatus!).Distinct();

    /// <summary>The reserved test number whose outcome is the example <paramref name="example"/>, or null.</summary>
    public string? TestRecipientOf(string example) =>
        TestRecipients.FirstOrDefault(r => r.Value.Example == example).Key;

    internal static ContractSendOutcomes Read(OpenApiDocument document, IReadOnlyList<ContractOperation> operations)
    {
        var sms = Examples(operations, SendSmsOperation)
            .Select(e => new DocumentedOutcome(e.Name, Text(e.Body["ncStatus"]), Text(e.Body["smsStatus"]), null))
            .Where(o => o.NcStatus is not null && o.SmsStatus is not null)
            .DistinctBy(o => (o.NcStatus, o.SmsStatus)) // an example showing another field (trackDelivery's) is no other outcome
            .ToList();
        var calls = Examples(operations, SendVoiceOperation).Select(e => Text(e.Body["callStatus"])).OfType<string>().Distinct().ToList();
        var recipients = new Dictionary<string, DocumentedOutcome>(StringComparer.Ordinal);
        if (ContractProvenance.Extension(document.Info?.Extensions, TestRecipientsExtension) is JsonObject listed)
            foreach (var (to, name) in listed)
                recipients[to] = sms.FirstOrDefault(o => o.Example == Text(name))
                    ?? throw new InvalidDataException($"info.{TestRecipientsExtension} gives {to} the example '{Text(name)}', which is no 200 example of {SendSmsOperation} with ncStatus and smsStatus.");
        return new ContractSendOutcomes(sms, calls, recipients);
    }

    private static IEnumerable<(string Name, JsonObject Body)> Examples(IReadOnlyList<ContractOperation> operations, string operationId) =>
        operations.Where(o => o.OperationId == operationId)
            .SelectMany(o => o.Responses.Where(r => r.Status == 200).SelectMany(r => r.Examples))
            .Where(e => e.Format == BodyFormat.Json)
            .Select(e => (e.Name, Body: JsonNode.Parse(e.Text) as JsonObject))
            .Where(e => e.Body is not null)
            .Select(e => (e.Name, e.Body!));

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
