using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Edge;

/// <summary>A request whose head is over the mock's limits (<see cref="EdgeLimits"/>): 414 or 431 in the API's envelope.</summary>
public sealed class EdgeError : StageError
{
    private EdgeError(int status, string messageId, string text) : base(status, messageId, text) { }

    public static readonly EdgeError UriTooLong = new(414, "URI_TOO_LONG",
        $"Request line exceeds the limit of {EdgeLimits.MaxRequestLineBytes} bytes");

    public static readonly EdgeError HeadersTooLarge = new(431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
        $"Request headers exceed the limit of {EdgeLimits.MaxHeadersTotalBytes} bytes");

    public static readonly EdgeError TooManyHeaders = new(431, "REQUEST_HEADER_FIELDS_TOO_LARGE",
        $"Request headers exceed the limit of {EdgeLimits.MaxHeaderCount} fields");
}
