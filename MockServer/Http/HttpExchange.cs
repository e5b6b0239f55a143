using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using TwoFactorContracts.MockServer.Core;

namespace TwoFactorContracts.MockServer.Http;

/// <summary>Reads an ApiRequest from Kestrel's HttpContext and writes an ApiResponse back.</summary>
internal static class HttpExchange
{
    /// <summary>The request as the pipeline sees it; the body (POST, PUT) only when <paramref name="maxBodyBytes"/> is given.</summary>
    public static async ValueTask<ApiRequest> ReadAsync(HttpContext context, int? maxBodyBytes, string? requestId)
    {
        var request = context.Request;
        var headers = request.Headers;
        var method = request.Method;
        ReadOnlyMemory<byte> body = default;
        var tooLarge = false;
        var incomplete = false;
        if (maxBodyBytes is { } limit && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method)))
        {
            try
            {
                (body, tooLarge) = await ReadBodyAsync(request, limit, context.RequestAborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException)
            {
                incomplete = true; // e.g. the client closed its side before sending Content-Length bytes
            }
        }

        return new ApiRequest
        {
            RequestId = requestId,
            Method = method,
            Path = request.Path.Value ?? "/",
            Query = request.QueryString.HasValue ? request.QueryString.Value : null,
            Authorization = Single(headers.Authorization),
            Accept = Single(headers.Accept),
            ContentType = Single(headers.ContentType),
            Prefer = Single(headers["Prefer"]),
            Body = body,
            BodyTooLarge = tooLarge,
            BodyIncomplete = incomplete,
        };
    }

    /// <summary>
    /// After <see cref="ReadAsync"/>, hands the body read to what comes next (WireMock's matching) as if unread:
    /// the bytes read, or none when the body was too large or incomplete, so both see the same request.
    /// </summary>
    public static void Rewind(HttpContext context, ApiRequest read)
    {
        if (!HttpMethods.IsPost(read.Method) && !HttpMethods.IsPut(read.Method)) return;
        var bytes = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(read.Body, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(read.Body.ToArray(), writable: false);
        context.Request.Body = bytes;
        context.Request.ContentLength = bytes.Length;
    }

    /// <summary>Bodies are written in slices of this size, so a large list is sent with backpressure instead of being copied whole into Kestrel's buffers.</summary>
    internal const int WriteSliceBytes = 64 * 1024;

    public static Task WriteAsync(HttpContext context, in ApiResponse answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        response.ContentLength = answer.Body.Length;
        if (answer.Header is { } header) response.Headers[header.Key] = header.Value;
        return answer.Body.Length <= WriteSliceBytes
            ? response.Body.WriteAsync(answer.Body, context.RequestAborted).AsTask()
            : WriteSlicesAsync(response.Body, answer.Body, context.RequestAborted);
    }

    private static async Task WriteSlicesAsync(Stream body, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < bytes.Length; offset += WriteSliceBytes)
            await body.WriteAsync(bytes.Slice(offset, Math.Min(WriteSliceBytes, bytes.Length - offset)), cancellationToken).ConfigureAwait(false);
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? null : values.Count == 1 ? values[0] : values.ToString();

    /// <summary>Reads the whole body, stopping as soon as it passes the limit (the rest is never buffered).</summary>
    private static async ValueTask<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (default, true);
        PipeReader reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                return (default, true);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return (body, false);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
