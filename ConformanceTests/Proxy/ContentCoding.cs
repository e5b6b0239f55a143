using System.IO.Compression;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>A body as the checks read it: its decoded bytes, or why it could not be decoded (then nothing is judged of it).</summary>
public readonly record struct DecodedBody(byte[] Bytes, string? NotValidated);

/// <summary>
/// Undoes a body's <c>Content-Encoding</c> (gzip, br, deflate, in the order they were applied) so the checks judge
/// what the client reads, while the proxy forwards the encoded bytes unchanged. Decoding is bounded like capture: a
/// body that decodes past the limit is "too large", never inflated without bound (a small gzip can expand a
/// thousandfold). An encoding it does not know, or bytes that are not what the header says, are recorded as not
/// validated, never as a contract violation.
/// </summary>
public static class ContentCoding
{
    /// <summary>The codings the proxy decodes (RFC 9110 8.4.1, and <c>x-gzip</c>, its old name).</summary>
    public static readonly IReadOnlyList<string> Known = ["gzip", "x-gzip", "br", "deflate"];

    /// <summary>The codings of a Content-Encoding header in the order they were applied, <c>identity</c> left out.</summary>
    public static IReadOnlyList<string> Codings(string? contentEncoding) =>
        string.IsNullOrWhiteSpace(contentEncoding) ? []
            : [.. contentEncoding.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(c => !c.Equals("identity", StringComparison.OrdinalIgnoreCase))];

    /// <param name="kept">The body as it passed (all of it: a cut-off body is "too large" before it gets here).</param>
    /// <param name="contentEncoding">The body's Content-Encoding header, if any.</param>
    /// <param name="limit">The most decoded bytes kept (<c>--max-body</c>).</param>
    public static DecodedBody Decode(ReadOnlySpan<byte> kept, string? contentEncoding, int limit)
    {
        var codings = Codings(contentEncoding);
        if (codings.Count == 0) return new DecodedBody(kept.ToArray(), null);
        if (codings.FirstOrDefault(c => !Known.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } unknown)
            return new DecodedBody([], $"{ProxyVerdicts.Encoded} ({unknown}, which the proxy cannot decode)");
        var bytes = kept.ToArray();
        foreach (var coding in codings.Reverse())
        {
            var decoded = Inflate(bytes, coding.ToLowerInvariant(), limit);
            if (decoded.NotValidated is not null) return decoded;
            bytes = decoded.Bytes;
        }
        return new DecodedBody(bytes, null);
    }

    private static DecodedBody Inflate(byte[] bytes, string coding, int limit)
    {
        try
        {
            return Read(Open(bytes, coding, zlib: true), limit);
        }
        catch (Exception e) when (Corrupt(e) && coding == "deflate")
        {
            // "deflate" is zlib-wrapped by the RFC, but some servers send the raw stream: accept both, as browsers do.
            try { return Read(Open(bytes, coding, zlib: false), limit); }
            catch (Exception raw) when (Corrupt(raw)) { return Undecodable(coding, raw); }
        }
        catch (Exception e) when (Corrupt(e))
        {
            return Undecodable(coding, e);
        }
    }

    /// <summary>What the decoders throw on bytes that are not their format (Brotli says InvalidOperation).</summary>
    private static bool Corrupt(Exception e) => e is InvalidDataException or InvalidOperationException or IOException;

    private static Stream Open(byte[] bytes, string coding, bool zlib)
    {
        var source = new MemoryStream(bytes, writable: false);
        return coding switch
        {
            "gzip" or "x-gzip" => new GZipStream(source, CompressionMode.Decompress),
            "br" => new BrotliStream(source, CompressionMode.Decompress),
            _ => zlib ? new ZLibStream(source, CompressionMode.Decompress) : new DeflateStream(source, CompressionMode.Decompress),
        };
    }

    private static DecodedBody Read(Stream decoder, int limit)
    {
        using (decoder)
        {
            var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = decoder.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > limit) return new DecodedBody([], $"{ProxyVerdicts.TooLarge} (over --max-body once decoded)");
                output.Write(buffer, 0, read);
            }
            return new DecodedBody(output.ToArray(), null);
        }
    }

    private static DecodedBody Undecodable(string coding, Exception e) =>
        new([], $"{ProxyVerdicts.Encoded} (the body is not valid {coding}: {e.Message.ReplaceLineEndings(" ")})");
}
