using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace TwoFactorContracts.MockServer.Frontend.Docs;

/// <summary>A file served as it is, with an ETag so a browser revalidates instead of downloading it again.</summary>
public sealed class StaticAsset(string contentType, byte[] content)
{
    private readonly string _etag = "\"" + Convert.ToHexString(SHA256.HashData(content), 0, 8) + "\"";

    public string ContentType { get; } = contentType;
    public byte[] Content { get; } = content;

    /// <summary>Reads a resource embedded by Frontend.targets (logical name <c>Frontend/&lt;file&gt;</c>).</summary>
    public static StaticAsset FromResource(string fileName, string contentType)
    {
        var name = "Frontend/" + fileName;
        using var stream = typeof(StaticAsset).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is not embedded: is Frontend/Frontend.targets imported by MockServer.csproj?");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new StaticAsset(contentType, copy.ToArray());
    }

    public Task WriteAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers.ETag = _etag;
        response.Headers.CacheControl = "no-cache";
        if (context.Request.Headers.IfNoneMatch.Contains(_etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = Content.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(Content).AsTask();
    }
}
