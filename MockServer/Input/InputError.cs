using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Input;

/// <summary>A body that cannot be read: too large (413), missing, or not well-formed JSON or XML (400).</summary>
public sealed class InputError : StageError
{
    private InputError(int status, string messageId, string text) : base(status, messageId, text) { }

    public static InputError TooLarge(int limit) => new(413, "PAYLOAD_TOO_LARGE", $"Request body exceeds the limit of {limit} bytes");

    public static readonly InputError Incomplete = new(400, "BAD_REQUEST", "Request body ended before its declared length");

    public static readonly InputError MissingBody = new(400, "BAD_REQUEST", "Required request body is missing");

    public static InputError Malformed(string format, string detail) => new(400, "BAD_REQUEST", $"Malformed {format} request body: {detail}");
}
