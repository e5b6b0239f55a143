using System.Net.Http.Headers;
using System.Text;

namespace TwoFactorContracts.ConformanceTests.Runner;

/// <summary>
/// Reads an answer's body the way no target can break: at most <see cref="Limit"/> bytes (a larger answer is cut
/// there and said to be larger), decoded by its byte order mark, else its charset when that names an encoding this
/// runtime has, else UTF-8; bytes that do not decode become U+FFFD. (HttpContent.ReadAsStringAsync buffers without
/// bound and throws on <c>charset=bogus</c>.) Errors of the connection while reading (IOException,
/// HttpRequestException) are the caller's to report.
/// </summary>
public static class AnswerBody
{
    /// <summary>The most of a body the run reads: 1 MiB, far more than any documented answer.</summary>
    public const int Limit = 1 << 20;

    public static string LimitText(int limit) => limit % (1 << 20) == 0 ? $"{limit >> 20} MiB" : limit % 1024 == 0 ? $"{limit >> 10} KiB" : $"{limit} bytes";

    /// <summary>A body as read: its text, how many bytes came, and whether there were more than the limit.</summary>
    public sealed record Read(string Text, int Bytes, bool TooLarge);

    public static async Task<Read> ReadAsync(HttpContent content, int limit, CancellationToken cancel)
    {
        await using var stream = await content.ReadAsStreamAsync(cancel);
        var buffer = new byte[Math.Min(limit + 1L, content.Headers.ContentLength is { } length and >= 0 ? length + 1 : 16 * 1024)];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (count > limit) break;
                Array.Resize(ref buffer, (int)Math.Min(limit + 1L, buffer.Length * 2L));
            }
            var read = await stream.ReadAsync(buffer.AsMemory(count), cancel);
            if (read == 0) break;
            count += read;
        }
        var tooLarge = count > limit;
        if (tooLarge) count = limit;
        return new Read(Decode(buffer.AsSpan(0, count), content.Headers.ContentType?.CharSet), count, tooLarge);
    }

    /// <summary>The text of the bytes: a byte order mark wins, then a charset this runtime knows, else UTF-8 (invalid bytes replaced).</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, string? charset)
    {
        foreach (var bom in Boms)
        {
            var preamble = bom.Preamble;
            if (bytes.StartsWith(preamble)) return bom.GetString(bytes[preamble.Length..]);
        }
        return (Known(charset) ?? Encoding.UTF8).GetString(bytes);
    }

    /// <summary>The charset of a Content-Type when it names no encoding this runtime can decode (so a client cannot either), else null.</summary>
    public static string? UnknownCharset(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.CharSet is not { } charset) return null;
        return Known(charset) is null ? charset : null;
    }

    private static Encoding? Known(string? charset)
    {
        var name = charset?.Trim().Trim('"');
        if (string.IsNullOrEmpty(name)) return null;
        try { return Encoding.GetEncoding(name); }
        catch (ArgumentException) { return null; }
    }

    private static readonly Encoding[] Boms =
    [
        new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        new UTF32Encoding(bigEndian: true, byteOrderMark: true),
    ];
}
