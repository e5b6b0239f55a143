using TwoFactorContracts.Contract;
using TwoFactorContracts.ConformanceTests.Runner;

namespace TwoFactorContracts.ConformanceTests.Checks;

/// <summary>
/// The Content-Type is the media type the request asked for with Accept (parameters such as charset aside), and a
/// charset it names is one a client can decode.
/// </summary>
public sealed class ContentTypeIsNegotiated : ICheck
{
    public string Name => "content-type";

    public CheckVerdict Run(CheckContext c)
    {
        var expected = c.Expected.Format.MediaType();
        var received = c.Exchange.ContentType;
        var bare = received?.Split(';')[0].Trim();
        if (!string.Equals(bare, expected, StringComparison.OrdinalIgnoreCase))
            return this.Fail($"Content-Type is {received ?? "missing"}, but {expected} was asked for", expected, received ?? "(none)");
        return AnswerBody.UnknownCharset(received) is { } charset
            ? this.Fail($"Content-Type names charset '{charset}', which is no known encoding (the body was read as UTF-8)", $"{expected}; charset=utf-8", received)
            : this.Pass($"{received}");
    }
}
