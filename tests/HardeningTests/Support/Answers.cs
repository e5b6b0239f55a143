using TwoFactorContracts.Contract;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>Judges an answer that may rightly be a success or a refusal: never 5xx, and valid either way.</summary>
public static class Answers
{
    /// <summary>
    /// A 2xx must validate against the operation's documented response schema, and the account must still
    /// list in JSON and XML afterwards (a stored value must never break later answers); a 4xx must be the envelope.
    /// </summary>
    public static async Task ShouldBeValidAsync(HttpClient client, string account, ApiAnswer answer, string operationId, BodyFormat format)
    {
        answer.Status.ShouldBeLessThan(500, $"answer: {answer}");
        if (answer.Status >= 400)
        {
            answer.ShouldBeEnvelope(format: format);
            return;
        }
        answer.Status.ShouldBeInRange(200, 299, $"answer: {answer}");
        var errors = Bodies.Document.Operation(operationId).ResponseSchema(answer.Status, format).Validate(answer.Body, format);
        errors.ShouldBeEmpty($"2xx not valid against the contract: {answer}");
        foreach (var listFormat in new[] { BodyFormat.Json, BodyFormat.Xml })
        {
            var list = await Api.ListAsync(client, account, listFormat);
            list.Status.ShouldBe(200, $"list in {listFormat} after the accepted request: {list}");
            Bodies.Document.Operation("listApplications").ResponseSchema(200, listFormat).Validate(list.Body, listFormat)
                .ShouldBeEmpty($"list in {listFormat} not valid after the accepted request: {list}");
        }
    }
}
