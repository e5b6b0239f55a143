namespace TwoFactorContracts.MockServer.Core;

/// <summary>What the pipeline needs of an HTTP request, whether it came through our middleware or WireMock.</summary>
public sealed class ApiRequest
{
    /// <summary>The id answered in X-Request-Id (null when the host assigns none, e.g. in unit tests).</summary>
    public string? RequestId { get; init; }

    public required string Method { get; init; }
    public required string Path { get; init; }

    /// <summary>The query string with its <c>?</c>, or null (ncNeeded, the verifications' filters).</summary>
    public string? Query { get; init; }
    public string? Authorization { get; init; }
    public string? Accept { get; init; }
    public string? ContentType { get; init; }
    public string? Prefer { get; init; }
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body was longer than the limit; only a prefix (or nothing) was read.</summary>
    public bool BodyTooLarge { get; init; }

    /// <summary>The connection ended before the body's declared length arrived.</summary>
    public bool BodyIncomplete { get; init; }

    /// <summary>
    /// The stages that refuse before any answer (a forbidden credential, throttling) admitted it already, before
    /// WireMock's stubs: it is not charged again when no stub answers it and the pipeline does.
    /// </summary>
    public bool AdmittedBeforeStubs { get; set; }

    /// <summary>Set by the credentials stage: the masked credential, safe for the journal and logs.</summary>
    public string? MaskedCredential { get; set; }
}
