using System.Net.Sockets;
using System.Text;

namespace TwoFactorContracts.HardeningTests.Support;

/// <summary>An answer read off a raw socket.</summary>
public sealed record RawAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.GetValueOrDefault("content-type");

    public ApiAnswer AsApiAnswer() => new(Status, ContentType, Body);

    public override string ToString() => $"{Status} {ContentType}: {(Body.Length > 300 ? Body[..300] + "..." : Body)}";
}

/// <summary>
/// HTTP/1.1 over a TcpClient, for requests HttpClient refuses to send (bad bytes in the request line, dot
/// segments, oversized lines, malformed framing). The request is sent as given; the answer is read until the
/// server closes the connection or the timeout passes (then the test fails: a hang is a defect).
/// </summary>
public static class RawHttp
{
    public static Task<RawAnswer> SendAsync(Uri baseUrl, string head, byte[]? body = null, TimeSpan? timeout = null) =>
        SendAsync(baseUrl, Encoding.Latin1.GetBytes(head), body, timeout);

    public static async Task<RawAnswer> SendAsync(Uri baseUrl, byte[] head, byte[]? body = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        using var client = new TcpClient();
        await client.ConnectAsync(baseUrl.Host, baseUrl.Port, cts.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(head, cts.Token);
            if (body is not null) await stream.WriteAsync(body, cts.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything (e.g. 413, 431): read what it said.
        }
        var received = new MemoryStream();
        var buffer = new byte[16384];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, n);
                if (Complete(received.ToArray())) break;
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // A reset after the answer was sent: the answer counts.
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No complete answer within the timeout; received {received.Length} bytes: {Encoding.Latin1.GetString(received.ToArray())}");
        }
        return Parse(received.ToArray());
    }

    /// <summary>Builds a request head with Host and Connection: close (so the answer ends with the connection).</summary>
    public static string Head(Uri baseUrl, string method, string target, params string[] headers)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\n");
        builder.Append("Host: ").Append(baseUrl.Authority).Append("\r\n");
        foreach (var header in headers) builder.Append(header).Append("\r\n");
        builder.Append("Connection: close\r\n\r\n");
        return builder.ToString();
    }

    private static bool Complete(byte[] data)
    {
        var end = IndexOf(data, "\r\n\r\n"u8);
        if (end < 0) return false;
        var headers = ReadHeaders(data, end);
        if (headers.TryGetValue("content-length", out var length) && int.TryParse(length, out var n))
            return data.Length >= end + 4 + n;
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            return IndexOf(data.AsSpan(end + 4), "0\r\n\r\n"u8) >= 0;
        return false; // read to the close
    }

    private static RawAnswer Parse(byte[] data)
    {
        var end = IndexOf(data, "\r\n\r\n"u8);
        if (end < 0) throw new InvalidDataException($"No HTTP answer: '{Encoding.Latin1.GetString(data)}'");
        var statusLine = Encoding.Latin1.GetString(data, 0, IndexOf(data, "\r\n"u8));
        var parts = statusLine.Split(' ');
        var status = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = ReadHeaders(data, end);
        var body = data.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            body = Dechunk(body);
        else if (headers.TryGetValue("content-length", out var length) && int.TryParse(length, out var n) && body.Length > n)
            body = body[..n];
        return new RawAnswer(status, headers, Encoding.UTF8.GetString(body));
    }

    private static Dictionary<string, string> ReadHeaders(byte[] data, int end)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = Encoding.Latin1.GetString(data, 0, end).Split("\r\n");
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        return headers;
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var at = 0;
        while (at < body.Length)
        {
            var lineEnd = IndexOf(body.AsSpan(at), "\r\n"u8);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.Latin1.GetString(body, at, lineEnd).Split(';')[0].Trim(), 16);
            at += lineEnd + 2;
            if (size == 0) break;
            output.Write(body, at, Math.Min(size, body.Length - at));
            at += size + 2;
        }
        return output.ToArray();
    }

    private static int IndexOf(ReadOnlySpan<byte> data, ReadOnlySpan<byte> value) => data.IndexOf(value);
}
