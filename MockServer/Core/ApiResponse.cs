
namespace TwoFactorContracts.MockServer.Core;

/// <summary>The pipeline's answer: status, media type and body bytes (often cached bytes: never mutate).</summary>
public readonly record struct ApiResponse(int Status, MediaType MediaType, ReadOnlyMemory<byte> Body, KeyValuePair<string, string>? Header = null)
{
    public string ContentType => MediaTypes.ContentTypeOf(MediaType);
}
