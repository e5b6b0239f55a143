using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.ConformanceTests.Targets;

/// <summary>
/// Forwards every request to an upstream (our mock, or a corrupting proxy in front of it) and answers its body
/// compressed, with <c>Content-Encoding</c>, as a deployment behind a compressing gateway does. <see cref="Encode"/>
/// also writes what no decoder reads: an encoding nobody knows, and bytes that are not the named encoding.
/// </summary>
public static class CompressingTarget
{
    /// <summary>Codings <see cref="Encode"/> writes: real ones, raw deflate (no zlib header), and broken ones.</summary>
    public const string Gzip = "gzip", Brotli = "br", Deflate = "deflate", RawDeflate = "deflate (raw)", Unknown = "zstd", BrokenGzip = "gzip (broken)";

    public static async Task<LoopbackApp> StartAsync(Uri upstream, string coding)
    {
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = upstream };
        return await LoopbackApp.StartAsync(owned: client, handler: async context =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(context.Request.Method), (context.Request.Path + context.Request.QueryString).TrimStart('/'));
            foreach (var (name, values) in context.Request.Headers)
                if (name is not ("Host" or "Content-Type" or "Content-Length" or "Content-Encoding"))
                    message.Headers.TryAddWithoutValidation(name, values.ToArray());
            if (context.Request.ContentLength > 0)
            {
                using var sent = new MemoryStream();
                await context.Request.Body.CopyToAsync(sent);
                message.Content = new ByteArrayContent(sent.ToArray());
                message.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
            }
            using var response = await client.SendAsync(message);
            var (header, bytes) = Encode(coding, await response.Content.ReadAsByteArrayAsync());
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            context.Response.Headers.ContentEncoding = header;
            context.Response.ContentLength = bytes.Length;
            await context.Response.Body.WriteAsync(bytes);
        });
    }

    /// <summary>The Content-Encoding header and the bytes of <paramref name="plain"/> encoded as <paramref name="coding"/> says.</summary>
    public static (string Header, byte[] Bytes) Encode(string coding, byte[] plain)
    {
        var output = new MemoryStream();
        Stream? encoder = coding switch
        {
            Gzip => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            Brotli => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            Deflate => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            RawDeflate => new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => null,
        };
        if (encoder is null) return (coding == BrokenGzip ? "gzip" : coding, plain); // the header names an encoding the bytes are not in
        using (encoder) encoder.Write(plain);
        return (coding == RawDeflate ? Deflate : coding, output.ToArray());
    }
}
