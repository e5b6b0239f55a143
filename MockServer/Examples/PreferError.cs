using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Examples;

/// <summary>
/// A Prefer header asking for something the contract does not document: 400 listing what it does. The
/// value asked for is quoted shortened.
/// </summary>
public sealed class PreferError : StageError
{
    private PreferError(string text) : base(400, "BAD_REQUEST", text) { }

    public static PreferError UnknownCode(string code, string operationId, string documentedCodes) =>
        new($"Prefer code={Shorten(code)} is not documented for {operationId}. Documented codes: {documentedCodes}");

    public static PreferError UnknownExample(string example, string operationId, string documentedExamples) =>
        new($"Prefer example={Shorten(example)} is not documented for {operationId}. Documented examples: {documentedExamples}");

    /// <summary>Documented, but no Prefer stub answered: it was changed or removed through WireMock's admin API.</summary>
    public static PreferError NoStub(string prefer, string operationId) =>
        new($"Prefer {Shorten(prefer)} is documented for {operationId}, but no mapping answered it: its stub was changed or removed through /__admin/mappings (POST /__admin/reset restores the contract's).");

    public static PreferError UnknownExampleForCode(string example, string operationId, int code, string documentedExamples) =>
        new($"Prefer example={Shorten(example)} is not documented for {operationId} with code {code}. Documented examples for code {code}: {documentedExamples}");
}
