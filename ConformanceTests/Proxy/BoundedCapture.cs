using System.Net;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Proxy;

/// <summary>
/// The first <see cref="Limit"/> bytes of a body that passes through, for validation: never more is kept, however
/// long the body is. <see cref="TooLarge"/> says the body went on past the limit (it still passed whole).
/// </summary>
public sealed class BoundedCapture(int limit)
{
    private byte[] _buffer = new byte[Math.Min(limit, 16 * 1024)];

    public int Limit { get; } = limit;

    /// <summary>Bytes kept (at most <see cref="Limit"/>).</summary>
    public int Count { get; private set; }

    /// <summary>Every byte that passed, kept or not.</summary>
    public long Total { get; private set; }

    public bool TooLarge => Total > Limit;

    /// <summary>The end of the body was seen (the stream said so).</summary>
    public bool Complete { get; internal set; }

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Count);

    public void Add(ReadOnlySpan<byte> bytes)
    {
        Total += bytes.Length;
        var room = Limit - Count;
        if (room <= 0 || bytes.IsEmpty) return;
        var take = Math.Min(room, bytes.Length);
        if (Count + take > _buffer.Length) Array.Resize(ref _buffer, (int)Math.Min(Limit, Math.Max(_buffer.Length * 2L, Count + take)));
        bytes[..take].CopyTo(_buffer.AsSpan(Count));
        Count += take;
    }

    /// <summary>
    /// The body as the checks read it: its Content-Encoding undone (<see cref="ContentCoding"/>), then its bytes as text
    /// the way <c>tfc verify</c> decodes answers (<see cref="AnswerBody.Decode"/>); or why it is not judged (too
    /// large, an encoding the proxy cannot undo), with no text.
    /// </summary>
    public (string Text, string? NotValidated) Judged(string? contentType, string? contentEncoding)
    {
        if (TooLarge) return ("", ProxyVerdicts.TooLarge);
        var decoded = ContentCoding.Decode(Bytes, contentEncoding, Limit);
        if (decoded.NotValidated is not null) return ("", decoded.NotValidated);
        var charset = contentType is not null && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed) ? parsed.CharSet : null;
        return (AnswerBody.Decode(decoded.Bytes, charset), null);
    }
}

/// <summary>A read stream that hands every byte read on to a <see cref="BoundedCapture"/> (the request body as YARP reads it).</summary>
public sealed class CapturingReadStream(Stream inner, BoundedCapture capture) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Seen(inner.Read(buffer, offset, count), buffer.AsSpan(offset));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Seen(await inner.ReadAsync(buffer, cancellationToken), buffer.Span);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Seen(int read, ReadOnlySpan<byte> buffer)
    {
        if (read == 0) capture.Complete = true;
        else capture.Add(buffer[..read]);
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// An answer's content as the forwarder reads it: <paramref name="prefix"/> (what the proxy already read to judge it),
/// then the rest of <paramref name="rest"/>, every byte handed to <paramref name="capture"/> on the way (null: none).
/// </summary>
public sealed class ForwardedContent(ReadOnlyMemory<byte> prefix, Stream? rest, BoundedCapture? capture) : HttpContent
{
    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(Open());

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(Open());

    private Stream Open()
    {
        Stream stream = new PrefixedStream(prefix, rest);
        return capture is null ? stream : new CapturingReadStream(stream, capture);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await using var source = Open();
        await source.CopyToAsync(stream);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) rest?.Dispose();
        base.Dispose(disposing);
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream? rest) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_prefix.IsEmpty) return rest is null ? ValueTask.FromResult(0) : rest.ReadAsync(buffer, cancellationToken);
            var take = Math.Min(buffer.Length, _prefix.Length);
            _prefix.Span[..take].CopyTo(buffer.Span);
            _prefix = _prefix[take..];
            return ValueTask.FromResult(take);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
