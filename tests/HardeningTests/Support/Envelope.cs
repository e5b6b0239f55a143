using TwoFactorContracts.Contract;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>
/// The API's error envelope: a 4xx whose body validates against the contract's ApiError schema (JSON, or XML
/// with root ApiException), in the media type the client negotiated.
/// </summary>
public static class Envelope
{
    private static readonly Lazy<ContractOperation> AnyOperation = new(() => ContractDocument.Load().Operation("createApplication"));

    /// <summary>Every problem that keeps the answer from being a 4xx in the envelope; empty when it is one.</summary>
    public static IReadOnlyList<string> Problems(ApiAnswer answer, BodyFormat? expectedFormat = null)
    {
        var problems = new List<string>();
        if (answer.Status is < 400 or >= 500) problems.Add($"status {answer.Status} is not a 4xx");
        var format = answer.Format;
        if (format is null)
        {
            problems.Add($"Content-Type '{answer.ContentType}' is neither JSON nor XML");
            return problems;
        }
        if (expectedFormat is not null && format != expectedFormat) problems.Add($"answered {format}, the client negotiated {expectedFormat}");
        // Every documented 4xx of the contract uses ApiError; the 400 of createApplication stands for them all.
        problems.AddRange(AnyOperation.Value.ResponseSchema(400, format.Value).Validate(answer.Body, format.Value));
        return problems;
    }

    public static void ShouldBeEnvelope(this ApiAnswer answer, int? status = null, BodyFormat? format = null)
    {
        if (status is not null) answer.Status.ShouldBe(status.Value, $"answer: {answer}");
        var problems = Problems(answer, format);
        problems.ShouldBeEmpty($"not the API's error envelope: {string.Join("; ", problems)}; answer: {answer}");
    }
}
