using TwoFactorContracts.Contract;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>One request the runner sends: what, where, in which media type, with or without credentials.</summary>
public sealed record PlannedRequest(
    string Method,
    string Path,
    BodyFormat Format,
    string? Body = null,
    bool WithCredentials = true,
    string? Prefer = null,
    string? Credential = null,
    string? Accept = null,
    string? ContentType = null)
{
    public override string ToString() =>
        $"{Method} {Path} (Accept {Accept ?? Format.MediaType()}{(Body is null ? "" : ", body " + (ContentType ?? Format.MediaType()))}"
        + $"{(WithCredentials ? Credential is null ? "" : ", the forbidden credential" : ", no credentials")}{(Prefer is null ? "" : ", Prefer: " + Prefer)})";
}

/// <summary>
/// The answer to a planned request, or why there was none whole (timeout, reset, a body larger than the client reads).
/// <see cref="Status"/> is kept when the status line came in and only the body broke.
/// </summary>
public sealed record Exchange(
    PlannedRequest Request,
    int? Status,
    string? ContentType,
    string Body,
    string? TransportError,
    TimeSpan Elapsed)
{
    /// <summary>How long the target asked the client to wait (Retry-After on a 429), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The body was larger than the client reads (<see cref="AnswerBody.Limit"/>): <see cref="Body"/> is its beginning.</summary>
    public bool TooLarge { get; init; }

    public bool Answered => TransportError is null && Status is not null;

    public string Describe() => Answered
        ? $"{Status} {ContentType ?? "(no Content-Type)"}, {Body.Length} chars"
        : $"no answer: {TransportError}";
}
