using System.Text.Json;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// An error the mock answers with the messageId and text of the contract's own example for that status
/// (e.g. 403 FORBIDDEN, 429 TOO_MANY_REQUESTS), so the wording lives in the contract only.
/// </summary>
public sealed class DocumentedError : StageError
{
    private DocumentedError(int status, string messageId, string text) : base(status, messageId, text) { }

    /// <summary>The first JSON example documented for <paramref name="status"/> on any operation.</summary>
    public static DocumentedError For(ExampleCatalog catalog, int status)
    {
        var json = catalog.Answers.Values.SelectMany(answers => answers).Select(a => a.Json)
            .FirstOrDefault(e => e?.Status == status)
            ?? throw new InvalidDataException($"The contract documents no JSON example for status {status}.");
        using var document = JsonDocument.Parse(json.Utf8);
        var exception = document.RootElement.GetProperty("requestError").GetProperty("serviceException");
        return new DocumentedError(status,
            exception.GetProperty("messageId").GetString() ?? throw new InvalidDataException($"The {status} example has no messageId."),
            exception.GetProperty("text").GetString() ?? throw new InvalidDataException($"The {status} example has no text."));
    }
}
